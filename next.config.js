/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // No `headers()` here: the Samla server sets the security headers (Referrer-Policy, CSP with a
  // per-request nonce, …) on every response, pages included, in server/http/security-headers.ts.
  // A second copy here could only drift from it, and Next would let its copy win on pages.
};

export default nextConfig;
