import type { PaymentGateway } from "../src/payments/gateway";
import { PaymentDeclinedError, PaymentService } from "../src/payments/paymentService";

function gateway(approved: boolean): jest.Mocked<PaymentGateway> {
  return {
    charge: jest.fn().mockResolvedValue({ id: "ch_3", approved, declineReason: approved ? undefined : "insufficient_funds" }),
    refund: jest.fn().mockResolvedValue({ id: "re_3", ok: true }),
  };
}

describe("PaymentService", () => {
  it("rejects non-integer amounts", async () => {
    await expect(new PaymentService(gateway(true)).charge("cus_1", 10.5, "ord_3")).rejects.toThrow(RangeError);
  });

  it("throws PaymentDeclinedError when the gateway declines", async () => {
    await expect(new PaymentService(gateway(false)).charge("cus_1", 1000, "ord_3")).rejects.toBeInstanceOf(
      PaymentDeclinedError,
    );
  });

  it("returns the refund id", async () => {
    expect(await new PaymentService(gateway(true)).refund("ch_3", 1000)).toBe("re_3");
  });
});
