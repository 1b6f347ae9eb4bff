import { Body, Controller, Get, HttpCode, Inject, Post, Put, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@otklik/auth';
import type { Response } from 'express';
import { RateLimit } from '@otklik/platform';
import type { Principal } from '../access/principal';
import { DeskError } from '../common/desk-error';
import { DESK_CONFIG, DeskConfig } from '../config/desk.config';
import { UsersService, UserView } from '../users/users.service';
import { ClientOf, CurrentPrincipal, Public } from './auth.decorators';
import { LoginRequest, PasswordChangeRequest } from './auth.dto';
import { SESSION_COOKIE } from './auth.guard';
import { verifyPassword } from '../users/password';
import { ClientInfo, SessionsService } from './sessions.service';

/** Who is signed in, as the console needs it. */
interface Me {
  id: string;
  kind: 'user' | 'token';
  name: string;
  role: string;
  agencyId?: string;
  displayName?: string;
}

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
    @Inject(DESK_CONFIG) private readonly config: DeskConfig,
  ) {}

  @Public()
  @Post('login')
  @RateLimit({ variable: 'DESK_LOGIN_PER_MINUTE', perMinute: 60, by: 'address' })
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in; the session travels in an HttpOnly cookie' })
  @ApiErrors({ 401: 'Wrong login or password, or a disabled user (a login locked after failures is 429)' })
  async login(@Body() body: LoginRequest, @ClientOf() client: ClientInfo, @Res({ passthrough: true }) response: Response): Promise<{ user: UserView; expiresAt: string }> {
    const result = await this.sessions.login(body.login, body.password, client);
    response.cookie(SESSION_COOKIE, result.secret, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.cookieSecure,
      path: '/',
      maxAge: this.config.sessionMaxHours * 3_600_000,
    });
    return { user: result.user, expiresAt: result.expiresAt.toISOString() };
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End the current session' })
  async logout(@CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: Response): Promise<void> {
    if (principal.sessionId) await this.sessions.logout(principal.sessionId);
    response.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Get('me')
  @ApiOperation({ summary: 'The caller: user or API token, role and agency' })
  async me(@CurrentPrincipal() principal: Principal): Promise<Me> {
    const me: Me = { id: principal.id, kind: principal.kind, name: principal.name, role: principal.role };
    if (principal.agencyId) me.agencyId = principal.agencyId;
    if (principal.kind === 'user') me.displayName = (await this.users.findById(principal.id))?.displayName;
    return me;
  }

  @Put('password')
  @HttpCode(204)
  @ApiOperation({ summary: "Change one's own password; every session ends, sign in again" })
  @ApiErrors({ 422: 'currentPassword is wrong, or the new password is too weak; `fields` names which' })
  async changePassword(@CurrentPrincipal() principal: Principal, @Body() body: PasswordChangeRequest): Promise<void> {
    if (principal.kind !== 'user') throw DeskError.forbidden('API tokens have no password');
    const user = await this.users.findById(principal.id);
    if (!user || !(await verifyPassword(body.currentPassword, user.passwordHash))) {
      throw DeskError.invalid('currentPassword', 'does not match');
    }
    await this.users.update(principal.id, { password: body.newPassword });
  }
}
