import assert from "node:assert/strict";
import { test } from "node:test";
import { connectionSettings } from "./postgres/pool";

test("PostgreSQL's keepalives are added to, not replaced by, options an operator put in DATABASE_URL", () => {
  const plain = connectionSettings("postgres://samla:pw@db:5432/samla");
  assert.equal(plain.connectionString, "postgres://samla:pw@db:5432/samla");
  assert.match(plain.options!, /tcp_keepalives_idle=10/);

  const own = connectionSettings("postgres://samla:pw@db:5432/samla?options=-c%20search_path%3Dsamla&sslmode=require&application_name=mine", "samla sole server");
  assert.equal(own.connectionString, "postgres://samla:pw@db:5432/samla?sslmode=require", "the URL keeps its other settings");
  assert.match(own.options!, /^-c search_path=samla -c tcp_keepalives_idle=10/);
  assert.equal(own.application_name, "samla sole server", "the claim's connection keeps its own name");
  assert.equal(connectionSettings("postgres://db/samla?application_name=mine").application_name, "mine");
  assert.deepEqual(connectionSettings("/var/run/postgresql samla").connectionString, "/var/run/postgresql samla", "a form that is no URL is passed on as it is");
});
