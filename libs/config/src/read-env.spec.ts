import { IsInt, Matches, Max, Min } from 'class-validator';
import { ConfigurationError, readEnv } from './read-env';

class ExampleEnv {
  @Matches(/^[a-z]+:\d+$/, { message: 'EXAMPLE_ADDRESS must be host:port' })
  EXAMPLE_ADDRESS: string = 'localhost:80';

  @IsInt() @Min(1) @Max(10)
  EXAMPLE_WORKERS: number = 2;
}

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    readEnv(ExampleEnv, env);
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
    expect(problemsOf({ EXAMPLE_ADDRESS: 'nowhere', EXAMPLE_WORKERS: '50' })).toEqual([
      'EXAMPLE_ADDRESS="nowhere": must be host:port',
      'EXAMPLE_WORKERS="50": must not be greater than 10',
    ]);
  });

  it('treats an empty variable as not set', () => {
    expect(readEnv(ExampleEnv, { EXAMPLE_WORKERS: '' }).EXAMPLE_WORKERS).toBe(2);
  });
});
