import axios from "axios";

import type { OrderItem } from "../orders/types";

/** Reserves stock in the warehouse system before payment is captured. */
export class InventoryClient {
  private readonly http;

  constructor(baseURL: string) {
    this.http = axios.create({ baseURL, headers: { "Content-Type": "application/json" } });
  }

  async reserve(orderId: string, items: OrderItem[]): Promise<boolean> {
    const res = await this.http.post(`/reservations/${orderId}`, {
      lines: items.map((i) => ({ sku: i.sku, qty: i.quantity })),
    });
    return res.status === 201;
  }

  async release(orderId: string): Promise<void> {
    await this.http.delete(`/reservations/${orderId}`);
  }
}
