import { OrderService } from "../src/orders/orderService";
import type { RefundService } from "../src/orders/refunds";
import { ValidationError, type Order, type OrderStore } from "../src/orders/types";
import type { PaymentService } from "../src/payments/paymentService";

function setup() {
  const store: jest.Mocked<OrderStore> = { get: jest.fn(), save: jest.fn(), list: jest.fn() };
  const payments = { charge: jest.fn(), refund: jest.fn() } as unknown as jest.Mocked<PaymentService>;
  const refunds = { fullRefund: jest.fn() } as unknown as jest.Mocked<RefundService>;
  const service = new OrderService(store, payments, refunds, () => "ord_1");
  return { store, payments, refunds, service };
}

const paidOrder: Order = {
  id: "ord_1",
  customerId: "cus_9",
  items: [{ sku: "MUG-01", quantity: 2, unitPriceCents: 1250 }],
  totalCents: 2500,
  status: "paid",
  paymentId: "ch_1",
  createdAt: "2025-10-20T10:00:00.000Z",
};

describe("OrderService", () => {
  it("rejects an empty cart", () => {
    expect(() => setup().service.validate([])).toThrow(ValidationError);
  });

  it("rejects TODO placeholder SKUs", () => {
    const items = [{ sku: "TODO-mug", quantity: 1, unitPriceCents: 100 }];
    expect(() => setup().service.validate(items)).toThrow(/placeholder/);
  });

  it("computes the total in cents", () => {
    expect(setup().service.total(paidOrder.items)).toBe(2500);
  });

  it("charges the customer and stores a paid order", async () => {
    const { service, payments, store } = setup();
    payments.charge.mockResolvedValue({ id: "ch_1", approved: true });
    const order = await service.createOrder("cus_9", paidOrder.items);
    expect(order.status).toBe("paid");
    expect(store.save).toHaveBeenCalledWith(expect.objectContaining({ paymentId: "ch_1" }));
  });

  it("cancels and refunds a paid order", async () => {
    const { service, refunds, store } = setup();
    store.get.mockResolvedValue(paidOrder);
    refunds.fullRefund.mockResolvedValue({ ...paidOrder, status: "refunded" });
    const order = await service.cancelOrder("ord_1");
    expect(order.status).toBe("cancelled");
    expect(refunds.fullRefund).toHaveBeenCalledWith(paidOrder);
  });
});
