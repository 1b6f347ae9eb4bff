import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateBy, ValidateNested, ValidationArguments } from 'class-validator';
import { IsTimeZone } from '../shared/time-zone';
import { TOPIC_PATTERN } from '../shared/topics';
import { Agency, AGENCY_KINDS, AgencyKind, Contact, CONTACT_CHANNELS, ContactChannel, EscalationContact, EscalationContacts, TimeRange, WeekdayHours, WorkingHours } from './agency.model';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** `to` of a time range comes after its `from` (HH:MM strings compare in time order). */
const EndsAfterStart = () =>
  ValidateBy({
    name: 'endsAfterStart',
    validator: {
      validate: (to: unknown, args?: ValidationArguments) => {
        const from = (args?.object as { from?: unknown } | undefined)?.from;
        return typeof to !== 'string' || typeof from !== 'string' || !HHMM.test(from) || to > from;
      },
      defaultMessage: () => 'to must be later than from',
    },
  });

export class TimeRangeDto implements TimeRange {
  @ApiProperty({ example: '13:00' })
  @Matches(HHMM, { message: 'from must be HH:MM' })
  from: string;

  @ApiProperty({ example: '13:48' })
  @Matches(HHMM, { message: 'to must be HH:MM' })
  @EndsAfterStart()
  to: string;
}

export class WeekdayHoursDto extends TimeRangeDto implements WeekdayHours {
  @ApiProperty({ type: [Number], example: [1, 2, 3, 4], description: 'ISO weekdays, 1 = Monday' })
  @IsArray()
  @ArrayMinSize(1)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekdays: number[];

  @ApiPropertyOptional({ type: [TimeRangeDto] })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => TimeRangeDto)
  breaks?: TimeRangeDto[];
}

export class WorkingHoursDto implements WorkingHours {
  @ApiPropertyOptional({ example: 'Europe/Moscow' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;

  @ApiProperty({ type: [WeekdayHoursDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'days must list at least one working day (an agency with no working day never meets a deadline)' })
  @ValidateNested({ each: true })
  @Type(() => WeekdayHoursDto)
  days: WeekdayHoursDto[];

  @ApiPropertyOptional({ type: [String], example: ['2026-05-27'] })
  @IsOptional()
  @IsArray()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { each: true, message: 'extraDaysOff must hold YYYY-MM-DD dates' })
  extraDaysOff?: string[];
}

export class ContactDto implements Contact {
  @ApiProperty({ enum: CONTACT_CHANNELS })
  @IsIn(CONTACT_CHANNELS)
  channel: ContactChannel;

  @ApiPropertyOptional({ example: 'dispatch@example.org' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;

  @ApiPropertyOptional({ example: 'аварийная служба' })
  @IsOptional()
  @IsString()
  note?: string;
}

export class EscalationContactDto implements EscalationContact {
  @ApiProperty({ enum: ['email', 'telegram', 'webhook'] })
  @IsIn(['email', 'telegram', 'webhook'])
  channel: 'email' | 'telegram' | 'webhook';

  @ApiProperty({ example: 'deputy.housing@gov.spb.test', description: 'e-mail, Telegram chat id or notifier webhook endpoint id' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  address: string;

  @ApiPropertyOptional({ example: 'заместитель губернатора по ЖКХ' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  name?: string;
}

/** A list of one step's recipients: optional, each checked as an EscalationContactDto. */
const StepRecipients = () =>
  applyDecorators(
    ApiPropertyOptional({ type: [EscalationContactDto] }),
    IsOptional(),
    IsArray(),
    ValidateNested({ each: true }),
    Type(() => EscalationContactDto),
  );

/** Recipients per escalation step; a step left out is inherited (see the model). */
export class EscalationContactsDto implements EscalationContacts {
  @StepRecipients() agency_head?: EscalationContactDto[];
  @StepRecipients() supervisor?: EscalationContactDto[];
  @StepRecipients() deputy_governor?: EscalationContactDto[];
}

/** An agency as the API and the seed files carry it. */
export class AgencyDto implements Agency {
  @ApiProperty({ example: 'spb-zha-nevsky' })
  @Matches(/^[a-z0-9][a-z0-9-]{1,63}$/, { message: 'id must be 2–64 lower-case latin letters, digits or "-"' })
  id: string;

  @ApiProperty({ example: 'СПб ГКУ ЖА Невского района' })
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  name: string;

  @ApiPropertyOptional({ example: 'ЖА Невского района' })
  @IsOptional()
  @IsString()
  shortName?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  aliases?: string[];

  @ApiProperty({ enum: AGENCY_KINDS })
  @IsIn(AGENCY_KINDS)
  kind: AgencyKind;

  @ApiProperty({ example: '40:nevsky' })
  @IsString()
  @MinLength(2)
  territoryCode: string;

  @ApiProperty({ type: [String], example: ['housing', 'landscaping.yards'] })
  @IsArray()
  @Matches(TOPIC_PATTERN, { each: true, message: 'topicCodes must hold taxonomy codes (`housing`, `housing.heating`) or `*`' })
  topicCodes: string[];

  @ApiPropertyOptional({ example: 'spb-adm-nevsky' })
  @IsOptional()
  @IsString()
  parentId?: string;

  @ApiProperty({ type: WorkingHoursDto })
  @ValidateNested()
  @Type(() => WorkingHoursDto)
  workingHours: WorkingHoursDto;

  @ApiProperty({ type: [ContactDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ContactDto)
  contacts: ContactDto[];

  @ApiPropertyOptional({ type: EscalationContactsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => EscalationContactsDto)
  escalation?: EscalationContactsDto;

  @ApiProperty({ example: true })
  @IsBoolean()
  active: boolean;
}
