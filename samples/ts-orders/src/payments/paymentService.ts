import type { ChargeResult, PaymentGateway } from "./gateway";

export class PaymentDeclinedError extends Error {
  constructor(public readonly reason: string) {
    super(`payment declined: ${reason}`);
    this.name = "PaymentDeclinedError";
  }
}

/** Captures and refunds payments through whichever gateway it is given. */
export class PaymentService {
  constructor(private readonly gateway: PaymentGateway) {}

  async charge(customerId: string, amountCents: number, orderId: string): Promise<ChargeResult> {
    if (!Number.isInteger(amountCents) || amountCents <= 0) {
      throw new RangeError(`invalid amount: ${amountCents}`);
    }
    const result = await this.gateway.charge(customerId, amountCents, `order-${orderId}`);
    if (!result.approved) {
      throw new PaymentDeclinedError(result.declineReason ?? "unknown");
    }
    return result;
  }

  async refund(paymentId: string, amountCents: number): Promise<string> {
    const result = await this.gateway.refund(paymentId, amountCents);
    if (!result.ok) {
      throw new Error(`refund of ${paymentId} failed`);
    }
    return result.id;
  }
}
