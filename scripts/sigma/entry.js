// The two libraries the netmap page uses for its WebGL renderer, as one global (window.NetmapSigma).
import Graph from "graphology";
import Sigma from "sigma";
import { EdgeArrowProgram, EdgeRectangleProgram, NodeCircleProgram } from "sigma/rendering";

window.NetmapSigma = { Graph: Graph, Sigma: Sigma, EdgeArrowProgram: EdgeArrowProgram,
                       EdgeRectangleProgram: EdgeRectangleProgram, NodeCircleProgram: NodeCircleProgram };
