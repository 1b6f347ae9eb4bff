import { IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { configurationRead, ConfigurationError, readEnv } from './read-env';

class ExampleEnv {
  @Matches(/^[a-z]+:\d+$/, { message: 'EXAMPLE_ADDRESS must be host:port' })
  EXAMPLE_ADDRESS: string = 'localhost:80';

  @IsInt()
  @Min(1)
  @Max(10)
  EXAMPLE_WORKERS: number = 2;
}

class SecretEnv {
  @IsString()
  @MinLength(12)
  EXAMPLE_PASSWORD: string = '';

  @IsOptional()
  @IsString()
  EXAMPLE_API_TOKEN?: string = undefined;

  @IsString()
  EXAMPLE_PASSWORD_FILE: string = '/srv/example/password';
}

function problemsOf(env: NodeJS.ProcessEnv, EnvClass: new () => object = ExampleEnv): string[] {
  try {
    readEnv(EnvClass, env);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('readEnv', () => {
  it('uses the defaults for variables that are not set', () => {
    expect(readEnv(ExampleEnv, {})).toMatchObject({ EXAMPLE_ADDRESS: 'localhost:80', EXAMPLE_WORKERS: 2 });
  });

  it('converts numbers given as text', () => {
    expect(readEnv(ExampleEnv, { EXAMPLE_WORKERS: '7' }).EXAMPLE_WORKERS).toBe(7);
  });

  it('names each bad variable, its value and what was expected', () => {
    expect(problemsOf({ EXAMPLE_ADDRESS: 'nowhere', EXAMPLE_WORKERS: '50' })).toEqual(['EXAMPLE_ADDRESS="nowhere": must be host:port', 'EXAMPLE_WORKERS="50": must not be greater than 10']);
  });

  it('names a bad secret variable without its value', () => {
    expect(problemsOf({ EXAMPLE_PASSWORD: 'too-short' }, SecretEnv)).toEqual(['EXAMPLE_PASSWORD="[redacted]": must be longer than or equal to 12 characters']);
  });

  it('shows what it has read, defaults included, secrets as [redacted] and unset ones as null', () => {
    readEnv(SecretEnv, { EXAMPLE_PASSWORD: 'long-enough-password' });
    readEnv(ExampleEnv, { EXAMPLE_WORKERS: '3' });
    expect(configurationRead()).toMatchObject({
      EXAMPLE_PASSWORD: '[redacted]',
      EXAMPLE_API_TOKEN: null,
      EXAMPLE_PASSWORD_FILE: '/srv/example/password',
      EXAMPLE_WORKERS: 3,
      EXAMPLE_ADDRESS: 'localhost:80',
    });
    expect(JSON.stringify(configurationRead())).not.toContain('long-enough-password');
  });

  it('treats an empty variable as not set', () => {
    expect(readEnv(ExampleEnv, { EXAMPLE_WORKERS: '' }).EXAMPLE_WORKERS).toBe(2);
  });
});
