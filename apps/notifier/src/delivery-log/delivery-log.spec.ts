import { deliveryStoreContract } from '../testing/delivery-store-contract';
import { InMemoryDeliveryStore } from '../testing/memory-delivery-store';
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
