import { BadRequestException, Body, Controller, Get, NotFoundException, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { assertAgencyAccess, Caller, CurrentCaller, Roles } from '@otklik/auth';
import { AgencyPreferences } from './preferences';
import { PreferencesDto } from './preferences.dto';
import { PreferencesStore } from './preferences.store';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Agencies' notification preferences; agency staff see and change their own agency's only. */
@ApiTags('preferences')
@Roles('admin', 'supervisor', 'agency')
@Controller('v1/agencies/:agencyId/preferences')
export class PreferencesController {
  constructor(private readonly store: PreferencesStore) {}

  @Get()
  @Roles('admin', 'operator', 'supervisor', 'agency')
  @ApiOperation({ summary: "An agency's notification preferences" })
  async get(@Param('agencyId') agencyId: string, @CurrentCaller() caller: Caller): Promise<AgencyPreferences> {
    assertAgencyAccess(caller, agencyId);
    const prefs = await this.store.get(agencyId);
    if (!prefs) throw new NotFoundException(`no preferences for agency ${agencyId}`);
    return prefs;
  }

  @Put()
  @ApiOperation({ summary: "Replace an agency's notification preferences" })
  async put(@Param('agencyId') agencyId: string, @Body() body: PreferencesDto, @CurrentCaller() caller: Caller): Promise<AgencyPreferences> {
    assertAgencyAccess(caller, agencyId);
    const problems = checkPreferences(body);
    if (problems.length) throw new BadRequestException(problems);
    return this.store.put({ agencyId, ...body, contacts: body.contacts.map((c) => ({ ...c })), quietHours: body.quietHours && { ...body.quietHours } }, new Date());
  }
}

/** Checks that need more than one field: time zone, e-mail shape per channel, unique contact ids. */
export function checkPreferences(p: PreferencesDto): string[] {
  const problems: string[] = [];
  try {
    new Intl.DateTimeFormat('en', { timeZone: p.timeZone });
  } catch {
    problems.push(`timeZone: unknown IANA time zone "${p.timeZone}"`);
  }
  const seen = new Set<string>();
  p.contacts.forEach((c, i) => {
    if (seen.has(c.id)) problems.push(`contacts.${i}.id: duplicate id "${c.id}"`);
    seen.add(c.id);
    if (c.channel === 'email' && !EMAIL.test(c.address)) problems.push(`contacts.${i}.address: not an e-mail address`);
    if (c.channel === 'telegram' && !/^-?\d+$|^@\w{5,}$/.test(c.address)) problems.push(`contacts.${i}.address: not a Telegram chat id or @channel`);
  });
  return problems;
}
