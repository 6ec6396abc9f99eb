import assert from "node:assert/strict";
import { test } from "node:test";
import { readConfig } from "../config";
import { readOidcConfig } from "./oidc-config";

const FULL = { OIDC_ISSUER: "https://login.example.org/realms/care", OIDC_CLIENT_ID: "samla", OIDC_CLIENT_SECRET: "s3cret" };

test("without the OIDC variables there is no sign-in", () => {
  assert.equal(readOidcConfig({}), undefined);
  assert.equal(readOidcConfig({ OIDC_ISSUER: "", OIDC_CLIENT_ID: " ", OIDC_CLIENT_SECRET: "" }), undefined);
  assert.equal(readConfig({}).oidc, undefined);
});

test("all three variables configure the provider, as given", () => {
  assert.deepEqual(readOidcConfig(FULL), { issuer: "https://login.example.org/realms/care", clientId: "samla", clientSecret: "s3cret" });
  assert.deepEqual(readConfig(FULL).oidc, readOidcConfig(FULL));
});

test("a partial set stops the server, naming what is missing", () => {
  assert.throws(() => readOidcConfig({ OIDC_ISSUER: FULL.OIDC_ISSUER }), /missing: OIDC_CLIENT_ID, OIDC_CLIENT_SECRET/);
  assert.throws(() => readOidcConfig({ OIDC_ISSUER: FULL.OIDC_ISSUER, OIDC_CLIENT_ID: "samla" }), /missing: OIDC_CLIENT_SECRET$/);
  assert.throws(() => readConfig({ OIDC_CLIENT_SECRET: "x" }), /OIDC_ISSUER/);
});

test("the issuer is https, or plain http on this machine only", () => {
  assert.throws(() => readOidcConfig({ ...FULL, OIDC_ISSUER: "http://login.example.org" }), /https/);
  assert.throws(() => readOidcConfig({ ...FULL, OIDC_ISSUER: "login.example.org" }), /not a URL/);
  for (const local of ["http://localhost:8080/realms/x", "http://127.0.0.1:4000", "http://[::1]:4000"]) {
    assert.equal(readOidcConfig({ ...FULL, OIDC_ISSUER: local })?.issuer, local);
  }
});
