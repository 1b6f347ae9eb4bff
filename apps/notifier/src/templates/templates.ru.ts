import { CompleteTemplateSet } from './notice.types';

const URGENCY = { emergency: 'ЭКСТРЕННО', high: 'срочно', normal: 'обычная' } as const;
const ROLE: Record<string, string> = { agency_head: 'руководителю ведомства', supervisor: 'куратору ЦУР', deputy_governor: 'заместителю губернатора' };

/** Russian templates: the language agencies and citizens read. */
export const RU: CompleteTemplateSet = {
  'incident.routed': (n, f) => ({
    subject: `${n.incident.urgency === 'emergency' ? '[ЭКСТРЕННО] ' : ''}Новое обращение № ${n.incident.number}`,
    text:
      `Вашему ведомству назначено обращение № ${n.incident.number}.\n` +
      `Тема: ${f.topicName(n.incident.topicCode)}\nСрочность: ${URGENCY[n.incident.urgency]}\n` +
      `${n.incident.address ? `Адрес: ${n.incident.address}\n` : ''}Основание: ${n.reason}\n\nОткрыть: ${n.incident.link}`,
    chat: `🆕 № ${n.incident.number} · ${f.topicName(n.incident.topicCode)}${n.incident.address ? ` · ${n.incident.address}` : ''}\n${n.incident.link}`,
  }),
  'incident.rerouted': (n, f) => ({
    subject: `Обращение № ${n.incident.number} передано вашему ведомству`,
    text: `Обращение № ${n.incident.number} (${f.topicName(n.incident.topicCode)}) перенаправлено вам (перенаправлений: ${n.rerouteCount}).\nОснование: ${n.reason}\n\nОткрыть: ${n.incident.link}`,
    chat: `↪️ № ${n.incident.number} передано вам · ${f.topicName(n.incident.topicCode)}\n${n.incident.link}`,
  }),
  'sla.warning': (n, f) => ({
    subject: `Обращение № ${n.incident.number}: прошло ${n.percent}% срока`,
    text: `По обращению № ${n.incident.number} (${f.topicName(n.incident.topicCode)}) прошло ${n.percent}% отведённого времени.\nСрок ответа: ${f.dateTime(n.dueAt)}\n\nОткрыть: ${n.incident.link}`,
    chat: `⏳ № ${n.incident.number}: ${n.percent}% срока, ответ до ${f.dateTime(n.dueAt)}\n${n.incident.link}`,
  }),
  'sla.breached': (n, f) => ({
    subject: `Просрочено обращение № ${n.incident.number}`,
    text: `Срок ответа по обращению № ${n.incident.number} (${f.topicName(n.incident.topicCode)}) истёк ${f.dateTime(n.dueAt)}.\nОтветьте заявителю как можно скорее.\n\nОткрыть: ${n.incident.link}`,
    chat: `🔴 Просрочено № ${n.incident.number} (срок ${f.dateTime(n.dueAt)})\n${n.incident.link}`,
  }),
  'sla.escalated': (n, f) => ({
    subject: `Эскалация: обращение № ${n.incident.number} (уровень ${n.level}${n.repeat > 1 ? `, напоминание ${n.repeat - 1}` : ''})`,
    text:
      `Просроченное обращение № ${n.incident.number} (${f.topicName(n.incident.topicCode)}) передано ${ROLE[n.role] ?? n.role}.\n` +
      `${n.repeat > 1 ? `Ответа всё ещё нет: напоминание ${n.repeat - 1}.\n` : ''}Срок истёк: ${f.dateTime(n.dueAt)}\n\nОткрыть: ${n.incident.link}`,
  }),
  'incident.surge': (n, f) => ({
    subject: `Всплеск: ${n.surge.count} обращений по теме «${f.topicName(n.surge.topicCode)}» — ${n.surge.territory}`,
    text:
      `${n.surge.windowMinutes ? `За ${n.surge.windowMinutes} мин` : 'За короткое время'} на территории «${n.surge.territory}» ` +
      `поступило ${n.surge.count} похожих обращений по теме «${f.topicName(n.surge.topicCode)}» (обнаружено ${f.dateTime(n.surge.detectedAt)}).\n` +
      `${n.surge.numbers.length ? `Обращения: ${n.surge.numbers.map((x) => `№ ${x}`).join(', ')}\n` : ''}\nОчередь всплесков: ${n.surge.link}`,
    chat: `🌊 Всплеск · ${n.surge.territory} · ${f.topicName(n.surge.topicCode)} · ${n.surge.count} обращений\n${n.surge.link}`,
  }),
  'surge.escalated': (n, f) => ({
    subject: `Эскалация: всплеск не принят в работу — ${n.surge.territory}, ${f.topicName(n.surge.topicCode)}`,
    text:
      `Всплеск на территории «${n.surge.territory}» (${n.surge.count} обращений по теме «${f.topicName(n.surge.topicCode)}», обнаружен ${f.dateTime(n.surge.detectedAt)}) ` +
      `не принят в работу до ${f.dateTime(n.acknowledgeBy)} и передан ${ROLE[n.role] ?? n.role}.\n` +
      `${n.surge.numbers.length ? `Обращения: ${n.surge.numbers.map((x) => `№ ${x}`).join(', ')}\n` : ''}\nОчередь всплесков: ${n.surge.link}`,
  }),
  'answer.flagged': (n) => ({
    subject: `Возможная отписка по обращению № ${n.incident.number}`,
    text:
      `Ответ ведомства ${n.agencyId} по обращению № ${n.incident.number} похож на формальный.\nПризнаки: ${n.reasons.join(', ')}\n` +
      `${n.held ? 'Ответ не опубликован и ждёт решения оператора.' : 'Ответ опубликован.'}\n\nОткрыть: ${n.incident.link}`,
  }),
  'webhook.disabled': (n) => ({
    subject: `Отключён вебхук ведомства ${n.agencyId}`,
    text: `Вебхук ${n.endpointId} (${n.url}) отключён после серии неудачных доставок.\nПоследняя ошибка: ${n.lastError}\nПроверьте систему ведомства и включите вебхук снова.`,
  }),
  'digest.overdue': (n, f) => ({
    subject: `Просроченные обращения на ${n.date}: ${n.items.length}`,
    text: n.items.length
      ? `Просроченные обращения вашего ведомства (${n.items.length}):\n\n` + n.items.map((i) => `• № ${i.number} · ${f.topicName(i.topicCode)} · срок ${f.dateTime(i.dueAt)}\n  ${i.link}`).join('\n')
      : 'Просроченных обращений нет.',
  }),
  reply: (n) => ({
    subject: `Ответ по обращению № ${n.incidentNumber}`,
    text: `${n.answerText.trim()}\n\nОбращение № ${n.incidentNumber}: ${n.link}`,
  }),
};
