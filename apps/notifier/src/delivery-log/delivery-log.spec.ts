import { deliveryStoreContract } from './delivery-log.contract.testing';
import { InMemoryDeliveryStore } from './delivery-log.memory';
import { deliveryId } from './delivery-log.store';

describe('InMemoryDeliveryStore', () => {
  deliveryStoreContract(() => new InMemoryDeliveryStore());
});

describe('deliveryId', () => {
  it('is the same for the same triple and differs when any part differs', () => {
    expect(deliveryId('e', 'r', 'email')).toBe(deliveryId('e', 'r', 'email'));
    expect(new Set([deliveryId('e', 'r', 'email'), deliveryId('e', 'r', 'telegram'), deliveryId('e', 'r2', 'email'), deliveryId('e2', 'r', 'email')]).size).toBe(4);
  });
});
