import type { PaymentService } from "../payments/paymentService";
import type { RefundService } from "./refunds";
import { ValidationError, type Order, type OrderItem, type OrderStore } from "./types";

const MAX_ITEMS = 50;

export class OrderService {
  constructor(
    private readonly store: OrderStore,
    private readonly payments: PaymentService,
    private readonly refunds: RefundService,
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {}

  validate(items: OrderItem[]): void {
    if (items.length === 0 || items.length > MAX_ITEMS) {
      throw new ValidationError(`an order holds 1 to ${MAX_ITEMS} items`);
    }
    for (const item of items) {
      if (item.sku.startsWith("TODO")) {
        throw new ValidationError("SKU is still a TODO placeholder from the storefront");
      }
      if (!Number.isInteger(item.quantity) || item.quantity < 1) {
        throw new ValidationError(`bad quantity for ${item.sku}`);
      }
    }
  }

  total(items: OrderItem[]): number {
    return items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);
  }

  async createOrder(customerId: string, items: OrderItem[]): Promise<Order> {
    this.validate(items);
    const order: Order = {
      id: this.newId(),
      customerId,
      items,
      totalCents: this.total(items),
      status: "pending",
      createdAt: new Date().toISOString(),
    };
    const charge = await this.payments.chargeCard(customerId, order.totalCents, order.id);
    const paid: Order = { ...order, status: "paid", paymentId: charge.id };
    await this.store.save(paid);
    return paid;
  }

  async getOrder(id: string): Promise<Order | undefined> {
    return this.store.get(id);
  }

  async cancelOrder(id: string): Promise<Order> {
    const order = await this.store.get(id);
    if (!order) {
      throw new ValidationError(`no order ${id}`);
    }
    const refunded = await this.refunds.fullRefund(order);
    const cancelled: Order = { ...refunded, status: "cancelled" };
    await this.store.save(cancelled);
    return cancelled;
  }
}
