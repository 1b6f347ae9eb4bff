import { toIntakePost } from './intake-forwarder.service';
import { open311Errors } from './open311.filter';
import { splitFormat, toXml } from './open311.format';
import { FieldCheck } from './open311.input';
import { HttpException } from '@nestjs/common';
import { toHttpException } from '../common/desk-errors.interceptor';
import { DeskError } from '../common/desk-error';

describe('Open311 formats', () => {
  it('takes the format from the extension and keeps dots inside service codes', () => {
    expect(splitFormat('housing.heating.json')).toEqual({ id: 'housing.heating', format: 'json' });
    expect(splitFormat('78-2026-000001.XML')).toEqual({ id: '78-2026-000001', format: 'xml' });
    expect(splitFormat('housing.heating')).toEqual({ id: 'housing.heating', format: 'json' });
  });

  it("writes the spec's XML with escaped text", () => {
    expect(toXml('errors', 'error', [{ code: 400, description: 'lat < -90 & "x"' }])).toBe(
      '<?xml version="1.0" encoding="utf-8"?><errors><error><code>400</code><description>lat &lt; -90 &amp; &quot;x&quot;</description></error></errors>',
    );
    expect(toXml('service_definition', 'attribute', { service_code: 'a', attributes: [{ code: 'x' }] })).toContain('<attributes><attribute><code>x</code></attribute></attributes>');
  });

  it('answers errors as a list of { code, description }, one per bad field', () => {
    const check = new FieldCheck();
    check.number({ lat: '91' }, 'lat', -90, 90);
    check.text({}, 'description', 10, true);
    let thrown: unknown;
    try {
      check.done();
    } catch (error) {
      thrown = error;
    }
    expect(open311Errors(toHttpException(thrown as DeskError))).toEqual({
      status: 400,
      errors: [
        { code: 400, description: 'lat: must be a number from -90 to 90' },
        { code: 400, description: 'description: required' },
      ],
    });
    expect(open311Errors(new HttpException({ message: ['service_code: must be a string'] }, 400)).errors).toEqual([{ code: 400, description: 'service_code: must be a string' }]);
  });
});

describe('Open311 request to ingest', () => {
  it('makes a post with the service name, address details, photo and place', () => {
    const post = toIntakePost(
      {
        token: 't1',
        serviceCode: 'housing.heating',
        description: 'Холодные батареи',
        lat: 59.9,
        long: 30.3,
        addressString: 'Невский пр., 1',
        mediaUrl: 'https://example.org/p.jpg',
        attributes: { address_details: 'подъезд 2' },
        authorId: 'acc-1',
        submittedBy: 'tok',
        createdAt: new Date('2026-03-02T10:00:00Z'),
        status: 'pending',
        attempts: 0,
        nextAttemptAt: new Date(),
      },
      'open311',
      'Отопление',
    );
    expect(post).toEqual({
      sourceId: 'open311',
      platform: 'intake',
      externalId: 'open311:t1',
      author: { id: 'acc-1' },
      text: '[Отопление] Холодные батареи\nАдрес: Невский пр., 1\naddress_details: подъезд 2',
      createdAt: '2026-03-02T10:00:00.000Z',
      attachments: [{ type: 'photo', url: 'https://example.org/p.jpg' }],
      geo: { lat: 59.9, lon: 30.3 },
    });
  });

  it('passes on the legal regime the submitting system named, and names none when it did not', () => {
    const request = {
      token: 't2',
      serviceCode: 'housing.heating',
      description: 'Холодные батареи',
      addressString: 'Невский пр., 1',
      attributes: {},
      authorId: 'acc-1',
      submittedBy: 'tok',
      createdAt: new Date('2026-03-02T10:00:00Z'),
      status: 'pending' as const,
      attempts: 0,
      nextAttemptAt: new Date(),
    };
    expect(toIntakePost({ ...request, regime: 'pos_message' }, 'open311', 'Отопление').regime).toBe('pos_message');
    expect(toIntakePost(request, 'open311', 'Отопление')).not.toHaveProperty('regime');
  });

  it('makes a post of a request stored without attributes (an empty object is not kept)', () => {
    const stored = {
      token: 't3',
      serviceCode: 'roads.surface',
      description: 'Яма у остановки',
      authorId: 'acc-1',
      submittedBy: 'tok',
      createdAt: new Date('2026-03-02T10:00:00Z'),
      status: 'pending' as const,
      attempts: 0,
      nextAttemptAt: new Date(),
    } as unknown as Parameters<typeof toIntakePost>[0];
    expect(toIntakePost(stored, 'open311', 'Дорожное покрытие').text).toBe('[Дорожное покрытие] Яма у остановки');
  });
});
