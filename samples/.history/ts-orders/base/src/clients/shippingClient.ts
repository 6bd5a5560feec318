export interface ShippingQuote {
  carrier: string;
  service: string;
  priceCents: number;
  days: number;
}

/** Talks to the carrier aggregator's REST API. */
export class ShippingClient {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  private headers(): HeadersInit {
    return { Authorization: `Bearer ${this.apiKey}`, Accept: "application/json" };
  }

  async quote(zip: string, weightGrams: number): Promise<ShippingQuote[]> {
    const url = `${this.baseUrl}/v2/quotes?zip=${encodeURIComponent(zip)}&grams=${weightGrams}`;
    const res = await fetch(url, { headers: this.headers() });
    if (!res.ok) {
      throw new Error(`quote failed: ${res.status}`);
    }
    return (await res.json()) as ShippingQuote[];
  }

  async track(trackingNumber: string): Promise<{ status: string; eta?: string }> {
    const url = `${this.baseUrl}/v2/tracking/${encodeURIComponent(trackingNumber)}`;
    const res = await fetch(url, { headers: this.headers() });
    if (!res.ok) {
      throw new Error(`tracking failed: ${res.status}`);
    }
    return (await res.json()) as { status: string; eta?: string };
  }
}
