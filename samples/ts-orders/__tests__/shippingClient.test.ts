import { ShippingClient } from "../src/clients/shippingClient";

const fetchMock = jest.fn();

beforeEach(() => {
  fetchMock.mockReset();
  global.fetch = fetchMock as unknown as typeof fetch;
});

function respond(status: number, body: unknown) {
  fetchMock.mockResolvedValue({ ok: status < 300, status, json: async () => body });
}

describe("ShippingClient", () => {
  const client = new ShippingClient("https://carriers.example", "key_1");

  it("requests a quote with the zip and weight", async () => {
    respond(200, [{ carrier: "UPS", service: "Ground", priceCents: 899, days: 3 }]);
    const quotes = await client.quote("10115", 1200);
    expect(quotes[0].carrier).toBe("UPS");
    expect(fetchMock.mock.calls[0][0]).toBe("https://carriers.example/v2/quotes?zip=10115&grams=1200");
  });

  it("throws on a non-2xx quote", async () => {
    respond(502, {});
    await expect(client.quote("10115", 1200)).rejects.toThrow("quote failed: 502");
  });

  it("passes an abort signal when tracking", async () => {
    respond(200, { status: "in_transit" });
    await client.track("1Z999");
    expect(fetchMock.mock.calls[0][1].signal).toBeDefined();
  });

  it("passes an abort signal when quoting", async () => {
    respond(200, []);
    await client.quote("10115", 500);
    expect(fetchMock.mock.calls[0][1].signal).toBeDefined();
  });
});
