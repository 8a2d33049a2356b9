/** The administrator's pathway list and designer. */
export { DefinitionsPage } from "./DefinitionsPage";
export { DesignerPage } from "./DesignerPage";
/** The route starts loading the designer's data while the sign-in is checked. */
export { prefetchDesigner } from "./api";
/** What a version changes against the one it replaces (the approval pages show it too). */
export { PublishReview } from "./PublishReview";
export { asDefinitionDoc } from "./definitionModel";
