import { useQuery } from "@tanstack/react-query";
import { Loaded } from "../../ui/Loading";
import { formatDateTime } from "../../ui/format";
import { instanceListQuery } from "../instances/api";
import { PatientName } from "../patients";

/** Pathways a person suspended (of one pathway when the worklist is filtered by it): their tasks wait until someone resumes them. */
export function SuspendedPathways({ definitionId }: { definitionId: string }) {
  const held = useQuery(instanceListQuery({ status: "suspended", pageSize: 200, ...(definitionId ? { definitionId } : {}) }));
  return (
    <Loaded query={held}>
      {(data) =>
        data.items.length === 0 ? (
          <p className="empty">No pathway is suspended.</p>
        ) : (
          <table className="grid">
            <thead>
              <tr>
                <th scope="col">Patient</th>
                <th scope="col">Pathway</th>
                <th scope="col">Suspended since</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((i) => (
                <tr key={i.id}>
                  <td>
                    <PatientName id={i.patientId} />
                  </td>
                  <td>
                    {i.definitionId} v{i.version}
                  </td>
                  <td>{formatDateTime(i.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      }
    </Loaded>
  );
}
