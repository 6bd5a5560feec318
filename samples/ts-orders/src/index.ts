import { ShippingClient } from "./clients/shippingClient";
import { OrderService } from "./orders/orderService";
import { RefundService } from "./orders/refunds";
import { ValidationError, type OrderItem, type OrderStore } from "./orders/types";
import { mockPaymentGateway } from "./payments/gateway";
import { PaymentService } from "./payments/paymentService";

export interface AppConfig {
  store: OrderStore;
  shippingUrl: string;
  shippingKey: string;
}

const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

export function createApp(config: AppConfig): (req: Request) => Promise<Response> {
  const payments = new PaymentService(mockPaymentGateway);
  const orders = new OrderService(config.store, payments, new RefundService(payments));
  const shipping = new ShippingClient(config.shippingUrl, config.shippingKey);

  return async (req: Request): Promise<Response> => {
    const url = new URL(req.url);
    const parts = url.pathname.split("/").filter(Boolean);
    try {
      if (req.method === "POST" && parts.length === 1 && parts[0] === "orders") {
        const body = (await req.json()) as { customerId: string; items: OrderItem[] };
        return json(await orders.createOrder(body.customerId, body.items), 201);
      }
      if (req.method === "GET" && parts.length === 2 && parts[0] === "orders") {
        const order = await orders.getOrder(parts[1]);
        return order ? json(order) : json({ error: "not found" }, 404);
      }
      if (req.method === "POST" && parts.length === 3 && parts[2] === "cancel") {
        return json(await orders.cancelOrder(parts[1]));
      }
      if (req.method === "GET" && url.pathname === "/shipping/quote") {
        const zip = url.searchParams.get("zip") ?? "";
        return json(await shipping.quote(zip, Number(url.searchParams.get("grams") ?? 1000)));
      }
      return json({ error: "no such route" }, 404);
    } catch (err) {
      if (err instanceof ValidationError) {
        return json({ error: err.message }, 400);
      }
      throw err;
    }
  };
}
