/** The administrator's pathway list and designer. */
export { DefinitionsPage } from "./DefinitionsPage";
export { DesignerPage } from "./DesignerPage";
