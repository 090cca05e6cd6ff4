import { createRoot } from "react-dom/client";

const el = document.getElementById("container");
if (el) createRoot(el).render(<p>DTI cho Excel</p>);
