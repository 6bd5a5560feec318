export interface ChargeResult {
  id: string;
  approved: boolean;
  declineReason?: string;
}

export interface PaymentGateway {
  charge(customerId: string, amountCents: number, idempotencyKey: string): Promise<ChargeResult>;
  refund(paymentId: string, amountCents: number): Promise<{ id: string; ok: boolean }>;
}

// Mock implementation: approves every charge until the acquirer account is live.
export const mockPaymentGateway: PaymentGateway = {
  async charge(_customerId, amountCents, idempotencyKey) {
    return { id: `ch_mock_${idempotencyKey}`, approved: amountCents > 0 };
  },
  async refund(paymentId) {
    return { id: `re_mock_${paymentId}`, ok: true };
  },
};