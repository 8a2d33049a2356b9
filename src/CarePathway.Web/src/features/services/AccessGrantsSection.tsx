import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Loaded } from "../../ui/Loading";
import { formatDateTime } from "../../ui/format";
import { accessGrantListQuery } from "./api";

/** Who broke the glass on the patients of the administrator's services, why, and until when. */
export function AccessGrantsSection() {
  const [live, setLive] = useState(false);
  const grants = useQuery(accessGrantListQuery(live));
  return (
    <section aria-labelledby="grants-title" className="card">
      <h2 id="grants-title">Break-the-glass access</h2>
      <label className="check">
        <input type="checkbox" checked={live} onChange={(e) => setLive(e.target.checked)} /> Only those still open
      </label>
      <Loaded query={grants}>
        {(list) =>
          list.length === 0 ? (
            <p className="empty">Nobody broke the glass on your services&apos; patients.</p>
          ) : (
            <table className="grid compact">
              <caption>Break-the-glass grants, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Who</th>
                  <th scope="col">Patient</th>
                  <th scope="col">Service</th>
                  <th scope="col">Reason</th>
                  <th scope="col">When</th>
                  <th scope="col">Until</th>
                </tr>
              </thead>
              <tbody>
                {list.map((g) => (
                  <tr key={g.id}>
                    <td>{g.userName}</td>
                    <td>{g.patientName}</td>
                    <td>{g.service}</td>
                    <td>{g.reason}</td>
                    <td>{formatDateTime(g.grantedAt)}</td>
                    <td>
                      {formatDateTime(g.expiresAt)}
                      {g.live && <span className="muted"> (open)</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </section>
  );
}
