/** Accounts: administrators create accounts, set roles, disable and enable them, reset passwords. */
export { AccountsPage } from "./AccountsPage";
