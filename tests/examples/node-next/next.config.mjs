/** @type {import('next').NextConfig} */
const nextConfig = {
  // A self-contained server.js with only the node_modules it traced: a much smaller image.
  output: "standalone",
};

export default nextConfig;
