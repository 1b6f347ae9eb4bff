import { registerAs } from '@nestjs/config';
import { IsIn, IsInt, IsNumber, IsString, Max, Min } from 'class-validator';
import { readEnv } from '@otklik/config';
import { ClosingPolicy, GroupingPolicy, MisroutePolicy, RoutingPolicy, SurgePolicy } from './policies';

class RouterEnv {
  /** Region key (`40`) an incident is counted in when its place is unknown; empty = none. */
  @IsString() ROUTER_DEFAULT_REGION: string = '';
  /** Import the shipped seeds (territories, agencies, rules) when the directory is empty. */
  @IsIn(['true', 'false']) ROUTER_SEED_ON_START: string = 'true';
  /** Learned-routing artifact; empty = the committed one; `off` = rules only. */
  @IsString() ROUTER_HISTORY_FILE: string = '';

  @IsNumber() @Min(0) @Max(1) ROUTER_MIN_TOPIC_CONFIDENCE: number = 0.5;
  @IsNumber() @Min(0) @Max(1) ROUTER_MIN_HISTORY_PROBABILITY: number = 0.5;
  @IsNumber() @Min(0) @Max(1) ROUTER_MIN_CANDIDATE_PROBABILITY: number = 0.1;
  @IsInt() @Min(0) ROUTER_MAX_REROUTES: number = 3;

  @IsInt() @Min(1) ROUTER_GROUPING_WINDOW_HOURS: number = 48;
  @IsInt() @Min(1) ROUTER_GROUPING_DISTANCE_METERS: number = 150;
  @IsInt() @Min(1) ROUTER_SURGE_WINDOW_MINUTES: number = 60;
  @IsInt() @Min(2) ROUTER_SURGE_THRESHOLD: number = 5;
  @IsInt() @Min(2) ROUTER_SURGE_REGION_THRESHOLD: number = 20;
  @IsInt() @Min(0) ROUTER_AGENCY_GRACE_MINUTES: number = 240;
  @IsInt() @Min(1) ROUTER_CLOSE_AFTER_DAYS: number = 7;

  /** How often the directory is re-read (other instances may have changed it). */
  @IsInt() @Min(1000) ROUTER_DIRECTORY_REFRESH_MS: number = 30_000;
  /** How often outboxes left by a crash are published. */
  @IsInt() @Min(200) ROUTER_SWEEP_MS: number = 10_000;
  /** How often answered incidents past ROUTER_CLOSE_AFTER_DAYS are closed: they close after days, and on FerretDB each look reads every incident. */
  @IsInt() @Min(200) ROUTER_CLOSE_EVERY_MS: number = 600_000;
}

/** The router's validated settings. */
export interface RouterSettings {
  defaultRegion?: string;
  seedOnStart: boolean;
  historyFile: string;
  routing: RoutingPolicy;
  grouping: GroupingPolicy;
  surge: SurgePolicy;
  misroutes: MisroutePolicy;
  closing: ClosingPolicy;
  directoryRefreshMs: number;
  sweepMs: number;
}

export const routerConfig = registerAs('router', (): RouterSettings => {
  const env = readEnv(RouterEnv);
  return {
    defaultRegion: env.ROUTER_DEFAULT_REGION || undefined,
    seedOnStart: env.ROUTER_SEED_ON_START === 'true',
    historyFile: env.ROUTER_HISTORY_FILE,
    routing: {
      minTopicConfidence: env.ROUTER_MIN_TOPIC_CONFIDENCE,
      minHistoryProbability: env.ROUTER_MIN_HISTORY_PROBABILITY,
      minCandidateProbability: env.ROUTER_MIN_CANDIDATE_PROBABILITY,
      maxReroutes: env.ROUTER_MAX_REROUTES,
    },
    grouping: { windowHours: env.ROUTER_GROUPING_WINDOW_HOURS, maxDistanceMeters: env.ROUTER_GROUPING_DISTANCE_METERS },
    surge: { windowMinutes: env.ROUTER_SURGE_WINDOW_MINUTES, threshold: env.ROUTER_SURGE_THRESHOLD, regionThreshold: env.ROUTER_SURGE_REGION_THRESHOLD },
    misroutes: { agencyGraceMinutes: env.ROUTER_AGENCY_GRACE_MINUTES },
    closing: { closeAfterDays: env.ROUTER_CLOSE_AFTER_DAYS, batch: 200, everyMs: env.ROUTER_CLOSE_EVERY_MS },
    directoryRefreshMs: env.ROUTER_DIRECTORY_REFRESH_MS,
    sweepMs: env.ROUTER_SWEEP_MS,
  };
});
