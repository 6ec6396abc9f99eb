import { zodWithoutEval } from "./components/csp/zodWithoutEval";

// Next runs this file before any page code: the setting must be in place before Zod builds a schema.
zodWithoutEval();
