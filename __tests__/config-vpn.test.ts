import { ConfigDir } from './support/config-dir';

let dir: ConfigDir;
beforeEach(() => (dir = new ConfigDir()));
afterEach(() => dir.remove());

/** The base environment with `network.vpnGateway` set to `vpnGateway`. */
const withVpn = (vpnGateway: unknown) => (input: Record<string, any>) => {
  input.network.vpnGateway = vpnGateway;
};

/** A public address for the customer gateway (any globally routable one will do here). */
const PUBLIC_ADDRESS = '8.8.4.4';

// Private ASN ranges as AWS documents them for a virtual private gateway's Amazon side.
const PRIVATE_ASN_MESSAGE = 'expected a private ASN: 64512-65534 or 4200000000-4294967294';

describe('VPN gateway settings that load', () => {
  it('is off unless configured', () => {
    expect(dir.loadWith(() => undefined).network.vpnGateway).toBeUndefined();
  });

  it('accepts a gateway alone, with the Amazon side on its default ASN', () => {
    expect(dir.loadWith(withVpn({})).network.vpnGateway).toEqual({});
  });

  it('accepts a customer gateway routing over BGP', () => {
    const vpn = dir.loadWith(withVpn({ amazonSideAsn: 64600, customerGateway: { ipAddress: PUBLIC_ADDRESS, bgpAsn: 65010 } })).network.vpnGateway;
    expect(vpn).toEqual({ amazonSideAsn: 64600, customerGateway: { ipAddress: PUBLIC_ADDRESS, bgpAsn: 65010 } });
  });

  it('accepts a customer gateway with static routes outside the VPC', () => {
    const routes = ['172.20.0.0/16', '192.168.10.0/24'];
    expect(dir.loadWith(withVpn({ customerGateway: { ipAddress: PUBLIC_ADDRESS, staticRoutes: routes } })).network.vpnGateway?.customerGateway?.staticRoutes).toEqual(routes);
  });

  it.each([64512, 65534, 4200000000, 4294967294])('accepts the private ASN %d on both sides', (asn) => {
    const customerAsn = asn === 64512 ? 64513 : 64512;
    const vpn = dir.loadWith(withVpn({ amazonSideAsn: asn, customerGateway: { ipAddress: PUBLIC_ADDRESS, bgpAsn: customerAsn } })).network.vpnGateway;
    expect(vpn?.amazonSideAsn).toBe(asn);
    const other = dir.loadWith(withVpn({ amazonSideAsn: customerAsn, customerGateway: { ipAddress: PUBLIC_ADDRESS, bgpAsn: asn } })).network.vpnGateway;
    expect(other?.customerGateway?.bgpAsn).toBe(asn);
  });
});

describe('VPN BGP ASNs outside the private ranges', () => {
  it.each([1, 7224, 16509, 64511, 65535, 4199999999, 4294967295])('refuses %d on the Amazon side', (asn) => {
    expect(dir.problemsFor(withVpn({ amazonSideAsn: asn }))).toEqual([{ field: 'network.vpnGateway.amazonSideAsn', received: String(asn), expected: PRIVATE_ASN_MESSAGE }]);
  });

  it.each([1, 16509, 64511, 65535, 4199999999, 4294967295])('refuses %d for the customer gateway', (asn) => {
    expect(dir.problemsFor(withVpn({ customerGateway: { ipAddress: PUBLIC_ADDRESS, bgpAsn: asn } }))).toEqual([
      { field: 'network.vpnGateway.customerGateway.bgpAsn', received: String(asn), expected: PRIVATE_ASN_MESSAGE },
    ]);
  });

  it('refuses an ASN that is not a whole number', () => {
    expect(dir.problemsFor(withVpn({ amazonSideAsn: 64512.5 }))).toEqual([expect.objectContaining({ field: 'network.vpnGateway.amazonSideAsn', expected: expect.stringMatching(/^expected .*integer/i) })]);
  });

  it("refuses a customer ASN equal to the Amazon side's default, 64512", () => {
    expect(dir.problemsFor(withVpn({ customerGateway: { ipAddress: PUBLIC_ADDRESS, bgpAsn: 64512 } }))).toEqual([
      {
        field: 'network.vpnGateway.customerGateway.bgpAsn',
        received: '64512',
        expected: "expected an ASN other than the Amazon side's 64512 (Amazon's default when network.vpnGateway.amazonSideAsn is left out): the two ends of a BGP session need different ASNs",
      },
    ]);
  });

  it('refuses a customer ASN equal to the configured Amazon side ASN', () => {
    expect(dir.problemsFor(withVpn({ amazonSideAsn: 4200000001, customerGateway: { ipAddress: PUBLIC_ADDRESS, bgpAsn: 4200000001 } }))).toEqual([
      expect.objectContaining({
        field: 'network.vpnGateway.customerGateway.bgpAsn',
        expected: expect.stringContaining("expected an ASN other than the Amazon side's 4200000001 (network.vpnGateway.amazonSideAsn)"),
      }),
    ]);
  });
});

describe('customer gateway address', () => {
  it.each([
    ['10.20.30.40', 'private (RFC 1918) (10.0.0.0/8)'],
    ['172.31.255.1', 'private (RFC 1918) (172.16.0.0/12)'],
    ['192.168.1.1', 'private (RFC 1918) (192.168.0.0/16)'],
    ['100.64.0.1', 'shared carrier-grade NAT space (RFC 6598) (100.64.0.0/10)'],
    ['127.0.0.1', 'loopback (127.0.0.0/8)'],
    ['169.254.169.254', 'link-local (169.254.0.0/16)'],
    ['0.0.0.0', '"this network" (0.0.0.0/8)'],
    ['192.0.2.10', 'documentation (RFC 5737) (192.0.2.0/24)'],
    ['198.51.100.7', 'documentation (RFC 5737) (198.51.100.0/24)'],
    ['203.0.113.12', 'documentation (RFC 5737) (203.0.113.0/24)'],
    ['198.19.0.1', 'benchmarking (RFC 2544) (198.18.0.0/15)'],
    ['224.0.0.5', 'multicast (224.0.0.0/4)'],
    ['255.255.255.255', 'reserved (240.0.0.0/4)'],
  ])('refuses %s, which is not reachable over the internet', (address, what) => {
    expect(dir.problemsFor(withVpn({ customerGateway: { ipAddress: address, bgpAsn: 65010 } }))).toEqual([
      {
        field: 'network.vpnGateway.customerGateway.ipAddress',
        received: `"${address}"`,
        expected: `expected the public IPv4 address the customer gateway is reached at over the internet; ${address} is ${what}`,
      },
    ]);
  });

  it.each(['300.1.2.3', '8.8.4', '8.8.04.4', 'vpn.example.com', '2001:db8::1'])('refuses %s, which is no IPv4 address', (address) => {
    expect(dir.problemsFor(withVpn({ customerGateway: { ipAddress: address, bgpAsn: 65010 } }))).toEqual([
      { field: 'network.vpnGateway.customerGateway.ipAddress', received: `"${address}"`, expected: 'expected an IPv4 address: four numbers 0-255 separated by dots, without leading zeros' },
    ]);
  });

  it.each(['100.63.255.255', '100.128.0.0', '172.15.0.1', '172.32.0.1', '198.20.0.1', '223.255.255.254'])('accepts %s, next to a refused block', (address) => {
    expect(dir.loadWith(withVpn({ customerGateway: { ipAddress: address, bgpAsn: 65010 } })).network.vpnGateway?.customerGateway?.ipAddress).toBe(address);
  });
});

describe('BGP or static routes', () => {
  it('refuses a customer gateway with neither', () => {
    expect(dir.problemsFor(withVpn({ customerGateway: { ipAddress: PUBLIC_ADDRESS } }))).toEqual([
      {
        field: 'network.vpnGateway.customerGateway',
        received: 'neither bgpAsn nor staticRoutes',
        expected: 'expected bgpAsn (dynamic routing over BGP) or staticRoutes (on-premises CIDR blocks), one of the two',
      },
    ]);
  });

  it('refuses a customer gateway with both', () => {
    expect(dir.problemsFor(withVpn({ customerGateway: { ipAddress: PUBLIC_ADDRESS, bgpAsn: 65010, staticRoutes: ['172.20.0.0/16'] } }))).toEqual([
      { field: 'network.vpnGateway.customerGateway', received: 'both bgpAsn and staticRoutes', expected: 'expected either bgpAsn (dynamic routing over BGP) or staticRoutes, not both' },
    ]);
  });

  it('refuses an empty list of static routes', () => {
    expect(dir.problemsFor(withVpn({ customerGateway: { ipAddress: PUBLIC_ADDRESS, staticRoutes: [] } }))).toEqual([
      expect.objectContaining({ field: 'network.vpnGateway.customerGateway.staticRoutes', expected: 'expected at least one CIDR block (or leave staticRoutes out and set bgpAsn)' }),
    ]);
  });

  it('refuses more static routes than a route table takes propagated routes (100)', () => {
    const routes = Array.from({ length: 101 }, (_, index) => `172.${16 + Math.floor(index / 256)}.${index % 256}.0/24`);
    expect(dir.problemsFor(withVpn({ customerGateway: { ipAddress: PUBLIC_ADDRESS, staticRoutes: routes } }))).toEqual([
      expect.objectContaining({ field: 'network.vpnGateway.customerGateway.staticRoutes', expected: 'expected at most 100 CIDR blocks (a route table takes 100 propagated routes)' }),
    ]);
  });

  it('refuses a static route that is no CIDR block', () => {
    expect(dir.problemsFor(withVpn({ customerGateway: { ipAddress: PUBLIC_ADDRESS, staticRoutes: ['172.20.0.1/16'] } }))).toEqual([
      {
        field: 'network.vpnGateway.customerGateway.staticRoutes[0]',
        received: '"172.20.0.1/16"',
        expected: 'expected an IPv4 CIDR block with no host bits set, such as 192.168.0.0/16',
      },
    ]);
  });

  it.each(['10.0.128.0/20', '10.0.0.0/8', '0.0.0.0/0'])('refuses the static route %s, which overlaps the VPC 10.0.0.0/16', (route) => {
    expect(dir.problemsFor(withVpn({ customerGateway: { ipAddress: PUBLIC_ADDRESS, staticRoutes: [route] } }))).toEqual([
      {
        field: 'network.vpnGateway.customerGateway.staticRoutes[0]',
        received: `"${route}"`,
        expected: "expected an on-premises CIDR block outside the VPC CIDR 10.0.0.0/16: the VPC's local route always wins over it",
      },
    ]);
  });

  it('refuses static routes that overlap each other', () => {
    expect(dir.problemsFor(withVpn({ customerGateway: { ipAddress: PUBLIC_ADDRESS, staticRoutes: ['172.20.0.0/16', '192.168.0.0/24', '172.20.8.0/24'] } }))).toEqual([
      {
        field: 'network.vpnGateway.customerGateway.staticRoutes[2]',
        received: '"172.20.8.0/24"',
        expected: 'expected a CIDR block that overlaps no other static route; it overlaps staticRoutes[0] (172.20.0.0/16)',
      },
    ]);
  });

  it('refuses keys it does not know, such as a misspelt staticRoute', () => {
    expect(dir.problemsFor(withVpn({ customerGateway: { ipAddress: PUBLIC_ADDRESS, staticRoute: ['172.20.0.0/16'] } }))).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'network.vpnGateway.customerGateway' })]),
    );
  });
});
