import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('resolves with the first value the probe returns', async () => {
    let calls = 0;

    const value = await waitFor('third call', () => (++calls >= 3 ? calls : undefined), 1000, 1);

    expect(value).toBe(3);
  });

  it("fails naming what it waited for and the probe's last error", async () => {
    await expect(
      waitFor(
        'the broker',
        () => {
          throw new Error('connection refused');
        },
        30,
        5,
      ),
    ).rejects.toThrow('timed out after 30 ms waiting for the broker (last error: connection refused)');
  });
});
