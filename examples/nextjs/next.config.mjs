/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The repository lints with Biome; Next's ESLint step would look for a config it does not have.
  eslint: { ignoreDuringBuilds: true },
};

export default nextConfig;
