/** The administrator's pathway list and designer. */
export { DefinitionsPage } from "./DefinitionsPage";
export { DesignerPage } from "./DesignerPage";
/** What a version changes against the one it replaces (the approval pages show it too). */
export { PublishReview } from "./PublishReview";
export { asDefinitionDoc } from "./definitionModel";
