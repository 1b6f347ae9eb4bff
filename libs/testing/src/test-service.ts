import { INestApplication, Type } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { createServiceApp, ServiceAppOptions, ServiceName } from '@otklik/platform';
import { EventTap, KafkaConnection } from '@otklik/messaging';
import { useTestAuthKeys } from './auth';

/** A service running inside a test on an ephemeral port. */
export interface TestService {
  app: INestApplication;
  baseUrl: string;
  /** Opens a tap on catalogue topics through the service's own Kafka connection. */
  tap(topics: string[]): Promise<EventTap>;
  close(): Promise<void>;
}

/** Starts a service module for a test (after `isolateInfra`), listening on 127.0.0.1 port 0. */
export async function startTestService(service: ServiceName, module: Type<unknown>, options: ServiceAppOptions = {}): Promise<TestService> {
  useTestAuthKeys();
  const app = await createServiceApp(service, module, options);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const taps: EventTap[] = [];
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    async tap(topics) {
      const tap = await EventTap.open(app.get(KafkaConnection), topics);
      taps.push(tap);
      return tap;
    },
    async close() {
      await Promise.all(taps.map((tap) => tap.close()));
      await app.close();
    },
  };
}
