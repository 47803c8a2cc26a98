// The two libraries the netmap page uses for its WebGL renderer, as one global (window.NetmapSigma).
import Graph from "graphology";
import Sigma from "sigma";
import { EdgeArrowProgram, EdgeLineProgram, EdgeRectangleProgram, NodeCircleProgram, NodePointProgram } from "sigma/rendering";

window.NetmapSigma = { Graph: Graph, Sigma: Sigma, EdgeArrowProgram: EdgeArrowProgram, EdgeLineProgram: EdgeLineProgram,
                       EdgeRectangleProgram: EdgeRectangleProgram, NodeCircleProgram: NodeCircleProgram,
                       NodePointProgram: NodePointProgram };
