import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { AGENCY_NOTICE_KINDS, AgencyNoticeKind } from '../templates/notice.types';
import { CONTACT_CHANNELS, ContactChannel } from './preferences';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export class ContactDto {
  @ApiProperty({ description: 'Stable id of the contact within the agency', example: 'duty-mail' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'id must be 1–64 letters, digits, dot, dash or underscore' })
  id: string;

  @ApiProperty({ enum: CONTACT_CHANNELS })
  @IsIn(CONTACT_CHANNELS)
  channel: ContactChannel;

  @ApiProperty({ description: 'E-mail address, Telegram chat id or webhook endpoint id', example: 'duty@agency.ru' })
  @IsString()
  @MinLength(1)
  @MaxLength(320)
  address: string;

  @ApiProperty({ enum: ['staff', 'head'] })
  @IsIn(['staff', 'head'])
  role: 'staff' | 'head';
}

export class QuietHoursDto {
  @ApiProperty({ example: '22:00' })
  @Matches(HH_MM, { message: 'from must be HH:MM' })
  from: string;

  @ApiProperty({ example: '08:00' })
  @Matches(HH_MM, { message: 'to must be HH:MM' })
  to: string;
}

/** An agency's notification preferences, replaced whole by PUT. */
export class PreferencesDto {
  @ApiProperty({ enum: ['ru', 'en'], example: 'ru' })
  @IsIn(['ru', 'en'])
  locale: string;

  @ApiProperty({ example: 'Europe/Moscow' })
  @IsString()
  timeZone: string;

  @ApiProperty({ enum: AGENCY_NOTICE_KINDS, isArray: true })
  @IsArray()
  @IsIn(AGENCY_NOTICE_KINDS, { each: true })
  events: AgencyNoticeKind[];

  @ApiProperty({ enum: CONTACT_CHANNELS, isArray: true })
  @IsArray()
  @IsIn(CONTACT_CHANNELS, { each: true })
  channels: ContactChannel[];

  @ApiProperty({ type: [ContactDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ContactDto)
  contacts: ContactDto[];

  @ApiPropertyOptional({ type: QuietHoursDto, description: 'Never applied to emergencies or webhooks' })
  @IsOptional()
  @ValidateNested()
  @Type(() => QuietHoursDto)
  quietHours?: QuietHoursDto;

  @ApiProperty({ minimum: 0, maximum: 23, example: 9 })
  @IsInt()
  @Min(0)
  @Max(23)
  digestHour: number;
}
