import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginRequest {
  @ApiProperty({ example: 'operator1' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  login: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password: string;
}

export class PasswordChangeRequest {
  @ApiProperty({ format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  currentPassword: string;

  @ApiProperty({ format: 'password', minLength: 10 })
  @IsString()
  @MaxLength(256)
  newPassword: string;
}
