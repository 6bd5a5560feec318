import { RefundService } from "../src/orders/refunds";
import type { Order } from "../src/orders/types";
import type { PaymentService } from "../src/payments/paymentService";

const order: Order = {
  id: "ord_2",
  customerId: "cus_9",
  items: [{ sku: "TEE-M", quantity: 1, unitPriceCents: 1900 }],
  totalCents: 1900,
  status: "paid",
  paymentId: "ch_2",
  createdAt: "2025-10-20T10:00:00.000Z",
};

function service() {
  const payments = { refund: jest.fn().mockResolvedValue("re_2") } as unknown as PaymentService;
  return { payments, refunds: new RefundService(payments) };
}

describe("RefundService", () => {
  it("refunds a paid order in full", async () => {
    const { payments, refunds } = service();
    const result = await refunds.fullRefund(order);
    expect(result.status).toBe("refunded");
    expect(payments.refund).toHaveBeenCalledWith("ch_2", 1900);
  });

  it("refuses to refund a pending order", async () => {
    await expect(service().refunds.fullRefund({ ...order, status: "pending" })).rejects.toThrow(/not refundable/);
  });

  it("processes a partial refund", async () => {
    const result = await service().refunds.processPartialRefund(order, 500);
    expect(result.status).toBe("paid");
  });
});
