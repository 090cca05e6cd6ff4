import { createRoot } from "react-dom/client";

const el = document.getElementById("root");
if (el) createRoot(el).render(<p>DTI cho Excel: xem trước</p>);
