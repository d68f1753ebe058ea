/**
 * The SandboxBackend contract run against every level on this machine (the
 * namespace level is built from util-linux unshare, present wherever Steward
 * runs; bubblewrap is installed on the test machines).
 */

import { describeBackendContract } from "../../src/sandbox/backend-contract.test-kit.ts";
import { BubblewrapBackend } from "../../src/sandbox/bubblewrap.ts";
import { NamespaceBackend } from "../../src/sandbox/namespace.ts";
import { PlainProcessBackend } from "../../src/sandbox/plain-process.ts";

describeBackendContract("bubblewrap", () => new BubblewrapBackend());
describeBackendContract("namespace", () => new NamespaceBackend());
describeBackendContract("process", () => new PlainProcessBackend());
