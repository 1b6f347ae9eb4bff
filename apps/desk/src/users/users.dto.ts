import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { TOKEN_ROLES, TokenRole, USER_ROLES, UserRole } from '../access/principal';

export class CreateUserRequest {
  @ApiProperty({ example: 'ivanova', description: '3–64 characters: latin letters, digits, . _ -' })
  @IsString()
  @MinLength(3)
  @MaxLength(64)
  login: string;

  @ApiProperty({ example: 'Иванова Мария' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName: string;

  @ApiProperty({ enum: USER_ROLES })
  @IsIn(USER_ROLES)
  role: UserRole;

  @ApiPropertyOptional({ description: 'Required for agency staff' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  agencyId?: string;

  @ApiProperty({ format: 'password', minLength: 10 })
  @IsString()
  @MaxLength(256)
  password: string;
}

export class UpdateUserRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName?: string;

  @ApiPropertyOptional({ enum: USER_ROLES })
  @IsOptional()
  @IsIn(USER_ROLES)
  role?: UserRole;

  @ApiPropertyOptional({ nullable: true, description: 'null unbinds' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MinLength(1)
  agencyId?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({ format: 'password', description: "Sets a new password; the user's sessions end" })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  password?: string;
}

export class CreateApiTokenRequest {
  @ApiProperty({ example: 'Портал «Наш город»' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: TOKEN_ROLES })
  @IsIn(TOKEN_ROLES)
  role: TokenRole;

  @ApiPropertyOptional({ description: 'Required for agency tokens' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  agencyId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 730, description: 'Omit for a token that lasts until revoked' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(730)
  expiresInDays?: number;
}
