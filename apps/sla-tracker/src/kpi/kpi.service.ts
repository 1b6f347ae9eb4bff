import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection, mongo } from 'mongoose';
import { formatCsv } from '@otklik/csv';
import { median } from '../stats/median';
import { KPI_FACTS, KPI_INDEXES, KpiFactDocument } from './kpi-fact.schema';

/** One agency's line of the report. */
export interface AgencyKpi {
  agencyId: string;
  /** First answers given in the period. */
  answers: number;
  /** Share of them given on time (null without answers). */
  onTimeShare: number | null;
  /** Median working hours to the first answer (null without answers). */
  medianAnswerHours: number | null;
  /** Incidents whose deadline passed in the period. */
  overdue: number;
  returned: number;
  rerouted: number;
}

const DUPLICATE_KEY = 11000;
const MONTH_MS = 31 * 86_400_000;

function monthsBetween(from: Date, to: Date): string[] {
  const months: string[] = [];
  for (let d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1)); d < to; d.setUTCMonth(d.getUTCMonth() + 1)) {
    months.push(d.toISOString().slice(0, 7));
  }
  return months;
}

/** Per-agency figures for a period, like the management centres' monthly ratings. */
@Injectable()
export class KpiService implements OnModuleInit {
  private readonly facts: mongo.Collection<KpiFactDocument>;

  constructor(@InjectConnection() connection: Connection) {
    const db = connection.db;
    if (!db) throw new Error('sla-tracker: MongoDB connection has no database');
    this.facts = db.collection<KpiFactDocument>(KPI_FACTS);
  }

  async onModuleInit(): Promise<void> {
    for (const index of KPI_INDEXES) await this.facts.createIndex({ ...index.key }, { name: index.name });
  }

  /** Records a fact once (same id twice is one fact). */
  async record(fact: Omit<KpiFactDocument, 'month'>): Promise<void> {
    try {
      await this.facts.insertOne({ ...fact, month: fact.at.toISOString().slice(0, 7) });
    } catch (error) {
      if (!(error instanceof mongo.MongoServerError && error.code === DUPLICATE_KEY)) throw error;
    }
  }

  /** The report for [from, to); medians are computed here, not by the database. */
  async report(from: Date, to: Date): Promise<AgencyKpi[]> {
    const byAgency = new Map<string, { minutes: number[]; onTime: number; overdue: Set<string>; returned: number; rerouted: number }>();
    for (const month of monthsBetween(from, to)) {
      for await (const fact of this.facts.find({ month })) {
        if (fact.at < from || fact.at >= to) continue;
        const row = byAgency.get(fact.agencyId) ?? { minutes: [], onTime: 0, overdue: new Set<string>(), returned: 0, rerouted: 0 };
        byAgency.set(fact.agencyId, row);
        if (fact.kind === 'met' && fact.phase === 'first_answer') {
          row.minutes.push(fact.workingMinutes ?? 0);
          if (fact.onTime) row.onTime++;
        } else if (fact.kind === 'breached') row.overdue.add(fact.incidentId);
        else if (fact.kind === 'returned') row.returned++;
        else if (fact.kind === 'rerouted') row.rerouted++;
      }
    }
    return [...byAgency]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([agencyId, r]) => ({
        agencyId,
        answers: r.minutes.length,
        onTimeShare: r.minutes.length ? Math.round((10_000 * r.onTime) / r.minutes.length) / 10_000 : null,
        medianAnswerHours: r.minutes.length ? Math.round((median(r.minutes) / 60) * 100) / 100 : null,
        overdue: r.overdue.size,
        returned: r.returned,
        rerouted: r.rerouted,
      }));
  }
}

/** Longest period one report may span. */
export const MAX_REPORT_SPAN_MS = 12 * MONTH_MS;

/** The report as RFC 4180 CSV. */
export function toCsv(rows: AgencyKpi[]): string {
  const header = ['agency_id', 'answers', 'on_time_share', 'median_answer_hours', 'overdue', 'returned', 'rerouted'];
  return formatCsv(
    header,
    rows.map((r) => [r.agencyId, r.answers, r.onTimeShare, r.medianAnswerHours, r.overdue, r.returned, r.rerouted]),
  );
}
