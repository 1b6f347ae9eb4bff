import 'reflect-metadata';
import { IsReadableTerritoryCode } from '../territory-code';
import { Type } from 'class-transformer';
import { IsLatitude, IsLongitude, IsNumber, IsOptional, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';

/** Platforms Otklik reads posts from; `intake` is the generic HTTP intake for other tools. */
export const PLATFORMS = ['vk', 'ok', 'telegram', 'intake'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** Urgency decides which clock runs: emergencies are timed round the clock. */
export const URGENCIES = ['emergency', 'high', 'normal'] as const;
export type Urgency = (typeof URGENCIES)[number];

/**
 * Legal regimes an incident is answered under, which set its deadlines: `social_post` (a post
 * found on a social network), `pos_message` (a message of the Платформа обратной связи, ПОС),
 * `appeal_59fz` (a written appeal under Federal Law 59-ФЗ). Events that name none mean `social_post`.
 */
export const LEGAL_REGIMES = ['social_post', 'pos_message', 'appeal_59fz'] as const;
export type LegalRegime = (typeof LEGAL_REGIMES)[number];

/** The regime of anything that names none: posts found on social networks. */
export const DEFAULT_LEGAL_REGIME: LegalRegime = 'social_post';

/** A point on the map (WGS 84). */
export class GeoPoint {
  /** Latitude in degrees. */
  @IsLatitude()
  lat: number;

  /** Longitude in degrees. */
  @IsLongitude()
  lon: number;
}

/** A place resolved to Otklik's territory directory. */
export class PlaceRef {
  /** Territory code: OKTMO where one exists (`38701000`), else local (`40:nevsky`); see territory-code.ts. */
  @IsReadableTerritoryCode()
  territoryCode: string;

  /** Human-readable name, e.g. «Невский район». */
  @IsOptional()
  @IsString()
  name?: string;

  /** Street address as written, normalised. */
  @IsOptional()
  @IsString()
  address?: string;

  /** Coordinates, when known. */
  @IsOptional()
  @ValidateNested()
  @Type(() => GeoPoint)
  geo?: GeoPoint;
}

/** A file attached to a post or an answer. */
export class Attachment {
  /** photo, video, doc, link, audio, … */
  @IsString()
  type: string;

  /** Where it can be fetched: an http(s) URL, intranet hosts and IP addresses included. */
  @Matches(/^https?:\/\/[^\s/]+(\/\S*)?$/, { message: 'url must be an http or https URL' })
  url: string;
}

/** A probability in [0, 1]. */
export function IsProbability(): PropertyDecorator {
  return (target, key) => {
    IsNumber()(target, key);
    Min(0)(target, key);
    Max(1)(target, key);
  };
}
