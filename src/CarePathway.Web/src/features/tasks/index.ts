/** Tasks: the task page (completing a task, deciding an approval with its evidence) and the task table the queues show. */
export { TaskPage } from "./TaskPage";
export { TaskTable } from "./TaskTable";
export { kindText } from "./taskKinds";
