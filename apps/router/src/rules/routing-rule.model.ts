import { Urgency } from '@otklik/contracts';
import { AgencyRef } from '../agencies/agency-directory';

/**
 * A routing rule as data: topic × territory (× keywords) → agency, with priority, validity
 * dates and co-executors. Rules are the management centre's decisions and win over learned ones.
 */
export interface RoutingRule {
  /** Number people quote: «правило 12». */
  id: number;
  title: string;
  /** Topic codes or categories (`landscaping`, `housing.heating`, `*`). */
  topicCodes: string[];
  /** Territories where it applies, with everything inside them. */
  territoryCodes: string[];
  /** At least one must occur in the text (word-prefix match: «сосул» finds «сосульки»). */
  keywords?: string[];
  /** None may occur in the text. */
  excludeKeywords?: string[];
  /** Only incidents of these urgencies. */
  urgencies?: Urgency[];
  /** Agency id or `@kind` (the agency of that kind nearest to the incident's territory). */
  agency: AgencyRef;
  coExecutors?: AgencyRef[];
  /** Higher wins; ties go to the more specific rule. */
  priority: number;
  /** First and last day it applies, `YYYY-MM-DD`, in the incident territory's zone. */
  validFrom?: string;
  validTo?: string;
  enabled: boolean;
}
