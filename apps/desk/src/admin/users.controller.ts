import { Body, Controller, Delete, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@otklik/auth';
import type { Principal } from '../access/principal';
import { ApiTokensService, ApiTokenView } from '../auth/api-tokens.service';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { CreateApiTokenRequest, CreateUserRequest, UpdateUserRequest } from '../users/users.dto';
import { UsersService, UserView } from '../users/users.service';

@ApiTags('admin')
@Roles('admin')
@Controller('api/v1')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: ApiTokensService,
  ) {}

  @Get('users')
  @ApiOperation({ summary: 'All users' })
  list(): Promise<UserView[]> {
    return this.users.list();
  }

  @Post('users')
  @ApiOperation({ summary: 'Create a user; agency staff are bound to one agency' })
  @ApiErrors({ 409: 'A user with this login exists', 422: 'login, password or agencyId cannot be used; `fields` names which' })
  create(@Body() body: CreateUserRequest): Promise<UserView> {
    return this.users.create(body);
  }

  @Get('users/:userId')
  get(@Param('userId') userId: string): Promise<UserView> {
    return this.users.get(userId);
  }

  @Patch('users/:userId')
  @ApiOperation({ summary: 'Change role, agency, name, password; disable' })
  @ApiErrors({ 422: 'password or agencyId cannot be used; `fields` names which' })
  update(@Param('userId') userId: string, @Body() body: UpdateUserRequest): Promise<UserView> {
    return this.users.update(userId, body);
  }

  @Get('api-tokens')
  @ApiOperation({ summary: 'API tokens for integrations (secrets are never shown again)' })
  listTokens(): Promise<ApiTokenView[]> {
    return this.tokens.list();
  }

  @Post('api-tokens')
  @ApiOperation({ summary: 'Issue an API token; the secret is in this response only' })
  @ApiErrors({ 422: 'agencyId: required for agency tokens, refused for others' })
  issueToken(@Body() body: CreateApiTokenRequest, @CurrentPrincipal() principal: Principal): Promise<{ token: ApiTokenView; secret: string }> {
    return this.tokens.issue(body, principal.id);
  }

  @Delete('api-tokens/:tokenId')
  @ApiOperation({ summary: 'Revoke an API token' })
  revokeToken(@Param('tokenId') tokenId: string): Promise<ApiTokenView> {
    return this.tokens.revoke(tokenId);
  }
}
