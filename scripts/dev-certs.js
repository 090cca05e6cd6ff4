/**
 * Development certificates for `npm run dev-server` (https://localhost:3000, as Office requires for
 * add-ins: https://learn.microsoft.com/office/dev/add-ins/testing/test-debug-office-add-ins and
 * ".../develop/add-in-manifests": SourceLocation must be HTTPS). No sudo, no network:
 * 1. the certificates of office-addin-dev-certs if the user installed (and trusted) them before
 *    (~/.office-addin-dev-certs/localhost.crt, .key);
 * 2. else a self-signed localhost certificate made with the local `openssl` into .certs/ (kept 30
 *    days, re-made when missing or expired);
 * 3. else null: webpack-dev-server makes its own self-signed certificate (`server: "https"`).
 * A self-signed certificate must be trusted once by the user (README, "Sideloading").
 */
const { execFileSync } = require("child_process");
const { existsSync, mkdirSync, readFileSync, statSync } = require("fs");
const { homedir } = require("os");
const path = require("path");

const DAYS = 30;

function officeAddinDevCerts() {
  const dir = path.join(homedir(), ".office-addin-dev-certs");
  const cert = path.join(dir, "localhost.crt");
  const key = path.join(dir, "localhost.key");
  return existsSync(cert) && existsSync(key) ? { cert, key, ca: path.join(dir, "ca.crt"), source: "office-addin-dev-certs" } : null;
}

function fresh(file) {
  return existsSync(file) && Date.now() - statSync(file).mtimeMs < (DAYS - 1) * 86_400_000;
}

function selfSigned(dir) {
  const cert = path.join(dir, "localhost.crt");
  const key = path.join(dir, "localhost.key");
  if (fresh(cert) && existsSync(key)) return { cert, key, source: "openssl (.certs/)" };
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", String(DAYS),
       "-keyout", key, "-out", cert, "-subj", "/CN=localhost",
       "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
      { stdio: "ignore" }
    );
    return { cert, key, source: "openssl (.certs/), new" };
  } catch {
    return null;
  }
}

/** { key, cert } buffers for webpack-dev-server's https server, or null to let it make its own. */
function devCerts(projectRoot) {
  const found = officeAddinDevCerts() ?? selfSigned(path.join(projectRoot, ".certs"));
  if (!found) {
    console.warn("dev-server: no openssl found; webpack-dev-server makes a self-signed certificate (trust it once, see README).");
    return null;
  }
  console.log(`dev-server: https://localhost with the certificate from ${found.source}: ${found.cert}`);
  if (!found.source.startsWith("office-addin"))
    console.log("dev-server: a self-signed certificate: trust it once so Excel loads the pane (README, \"Sideloading\").");
  return { key: readFileSync(found.key), cert: readFileSync(found.cert) };
}

module.exports = { devCerts };
