import nextPlugin from "@next/eslint-plugin-next";
import tseslint from "typescript-eslint";

const nodeBuiltins = ["fs", "path", "os", "http", "https", "net", "crypto", "child_process", "stream", "url", "worker_threads"];

/**
 * Boundaries (shared/STYLE.md): lib/ is pure model code; components/ and server/ never import
 * each other. Type-only imports are allowed across, as in excalidraw's config.
 */
export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "bench/results/**"] },
  ...tseslint.configs.recommended,
  {
    plugins: { "@next/next": nextPlugin },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["lib/**/*.ts"],
    ignores: ["lib/**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["react", "react-*", "konva", "next", "next/*", "ws", "better-sqlite3", "pg", "redis"], message: "lib/ is pure model code.", allowTypeImports: true },
            { group: ["node:*", ...nodeBuiltins], message: "lib/ does no I/O.", allowTypeImports: true },
            { group: ["**/server/**", "**/components/**", "**/app/**"], message: "lib/ depends on nothing of the app.", allowTypeImports: true },
          ],
        },
      ],
    },
  },
  {
    files: ["components/**/*.{ts,tsx}", "app/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/server/**", "ws", "better-sqlite3"], message: "The client never imports the server.", allowTypeImports: true }] },
      ],
    },
  },
  {
    files: ["server/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/components/**", "**/app/**", "react", "konva", "react-konva"], message: "The server never imports the client.", allowTypeImports: true }] },
      ],
    },
  },
);
