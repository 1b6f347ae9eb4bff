import { CompleteTemplateSet } from './notice.types';

const ROLE: Record<string, string> = { agency_head: 'the head of the agency', supervisor: 'the management-centre supervisor', deputy_governor: 'the deputy governor' };

/** English templates: the fallback for any locale without its own. */
export const EN: CompleteTemplateSet = {
  'incident.routed': (n, f) => ({
    subject: `${n.incident.urgency === 'emergency' ? '[EMERGENCY] ' : ''}New incident ${n.incident.number}`,
    text:
      `Incident ${n.incident.number} has been assigned to your agency.\nTopic: ${f.topicName(n.incident.topicCode)}\nUrgency: ${n.incident.urgency}\n` +
      `${n.incident.address ? `Address: ${n.incident.address}\n` : ''}Reason: ${n.reason}\n\nOpen: ${n.incident.link}`,
    chat: `🆕 ${n.incident.number} · ${f.topicName(n.incident.topicCode)}${n.incident.address ? ` · ${n.incident.address}` : ''}\n${n.incident.link}`,
  }),
  'incident.rerouted': (n, f) => ({
    subject: `Incident ${n.incident.number} moved to your agency`,
    text: `Incident ${n.incident.number} (${f.topicName(n.incident.topicCode)}) was rerouted to you (reroutes so far: ${n.rerouteCount}).\nReason: ${n.reason}\n\nOpen: ${n.incident.link}`,
  }),
  'sla.warning': (n, f) => ({
    subject: `Incident ${n.incident.number}: ${n.percent}% of the time used`,
    text: `${n.percent}% of the time for incident ${n.incident.number} (${f.topicName(n.incident.topicCode)}) has passed.\nAnswer due: ${f.dateTime(n.dueAt)}\n\nOpen: ${n.incident.link}`,
  }),
  'sla.breached': (n, f) => ({
    subject: `Incident ${n.incident.number} is overdue`,
    text: `The deadline for incident ${n.incident.number} (${f.topicName(n.incident.topicCode)}) passed at ${f.dateTime(n.dueAt)}.\nPlease answer the citizen as soon as possible.\n\nOpen: ${n.incident.link}`,
  }),
  'sla.escalated': (n, f) => ({
    subject: `Escalation: incident ${n.incident.number} (level ${n.level}${n.repeat > 1 ? `, reminder ${n.repeat - 1}` : ''})`,
    text:
      `Overdue incident ${n.incident.number} (${f.topicName(n.incident.topicCode)}) was escalated to ${ROLE[n.role] ?? n.role}.\n` +
      `${n.repeat > 1 ? `Still unanswered: reminder ${n.repeat - 1}.\n` : ''}Deadline passed: ${f.dateTime(n.dueAt)}\n\nOpen: ${n.incident.link}`,
  }),
  'incident.surge': (n, f) => ({
    subject: `Surge: ${n.surge.count} incidents on ${f.topicName(n.surge.topicCode)} in ${n.surge.territory}`,
    text:
      `${n.surge.count} similar incidents on ${f.topicName(n.surge.topicCode)} came from ${n.surge.territory}${n.surge.windowMinutes ? ` within ${n.surge.windowMinutes} minutes` : ''} ` +
      `(detected ${f.dateTime(n.surge.detectedAt)}).\n${n.surge.numbers.length ? `Incidents: ${n.surge.numbers.join(', ')}\n` : ''}\nSurge queue: ${n.surge.link}`,
  }),
  'surge.escalated': (n, f) => ({
    subject: `Escalation: surge not acknowledged — ${n.surge.territory}, ${f.topicName(n.surge.topicCode)}`,
    text:
      `The surge in ${n.surge.territory} (${n.surge.count} incidents on ${f.topicName(n.surge.topicCode)}, detected ${f.dateTime(n.surge.detectedAt)}) was not acknowledged ` +
      `by ${f.dateTime(n.acknowledgeBy)} and was escalated to ${ROLE[n.role] ?? n.role}.\n${n.surge.numbers.length ? `Incidents: ${n.surge.numbers.join(', ')}\n` : ''}\nSurge queue: ${n.surge.link}`,
  }),
  'answer.flagged': (n) => ({
    subject: `Possible formal non-answer on incident ${n.incident.number}`,
    text:
      `The answer of agency ${n.agencyId} on incident ${n.incident.number} looks formal.\nSignals: ${n.reasons.join(', ')}\n` +
      `${n.held ? 'It is held until an operator decides.' : 'It was published.'}\n\nOpen: ${n.incident.link}`,
  }),
  'webhook.disabled': (n) => ({
    subject: `Webhook of agency ${n.agencyId} disabled`,
    text: `Webhook ${n.endpointId} (${n.url}) was disabled after repeated failed deliveries.\nLast error: ${n.lastError}\nCheck the agency's system and enable the webhook again.`,
  }),
  'digest.overdue': (n, f) => ({
    subject: `Overdue incidents on ${n.date}: ${n.items.length}`,
    text: n.items.length
      ? `Overdue incidents of your agency (${n.items.length}):\n\n` + n.items.map((i) => `• ${i.number} · ${f.topicName(i.topicCode)} · due ${f.dateTime(i.dueAt)}\n  ${i.link}`).join('\n')
      : 'No overdue incidents.',
  }),
  reply: (n) => ({
    subject: `Answer on incident ${n.incidentNumber}`,
    text: `${n.answerText.trim()}\n\nIncident ${n.incidentNumber}: ${n.link}`,
  }),
};
