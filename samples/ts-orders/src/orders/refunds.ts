import type { PaymentService } from "../payments/paymentService";
import type { Order } from "./types";

/** Refund policy: full refunds of paid orders; partial refunds are not offered yet. */
export class RefundService {
  constructor(private readonly payments: PaymentService) {}

  async fullRefund(order: Order): Promise<Order> {
    if (order.status !== "paid" || !order.paymentId) {
      throw new Error(`order ${order.id} is not refundable in status ${order.status}`);
    }
    await this.payments.refund(order.paymentId, order.totalCents);
    return { ...order, status: "refunded" };
  }

  async processPartialRefund(order: Order, amountCents: number): Promise<Order> {
    throw new Error("Not implemented");
  }
}
