/** One fact the KPI report counts (collection `kpi_facts`); `_id` is the event id, so a redelivery is one fact. */
export interface KpiFactDocument {
  _id: string;
  kind: 'met' | 'breached' | 'rerouted' | 'returned';
  incidentId: string;
  agencyId: string;
  topicCode: string;
  /** `YYYY-MM` (UTC) of `at`: the report reads whole months by equality, which FerretDB hands down. */
  month: string;
  at: Date;
  phase?: string;
  onTime?: boolean;
  workingMinutes?: number;
}

export const KPI_FACTS = 'kpi_facts';
export const KPI_INDEXES = [{ key: { month: 1 }, name: 'month_1' }] as const;
