export type OrderStatus = "pending" | "paid" | "cancelled" | "refunded";

export interface OrderItem {
  sku: string;
  quantity: number;
  unitPriceCents: number;
}

export interface Order {
  id: string;
  customerId: string;
  items: OrderItem[];
  totalCents: number;
  status: OrderStatus;
  paymentId?: string;
  createdAt: string;
}

export class ValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ValidationError";
  }
}

export interface OrderStore {
  get(id: string): Promise<Order | undefined>;
  save(order: Order): Promise<void>;
  list(customerId: string): Promise<Order[]>;
}
