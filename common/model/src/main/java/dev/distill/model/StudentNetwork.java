package dev.distill.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The decoder-only transformer as a DJL block: token embedding (+ learned position embedding),
 * pre-LN decoder layers, final LayerNorm, and an untied output projection to the vocabulary (untied:
 * with a 263-token byte vocabulary the extra ~17k parameters are cheap and let input and output
 * byte representations specialise).
 *
 * <p>Block inputs: tokens (B,T) int64, positions (B,T) int64 (used by learned positions; rotary
 * positions count from the first column), additive attention mask broadcastable to (B,1,T,T).
 * Output: logits (B,T,V).
 */
final class StudentNetwork extends AbstractBlock {

    private final StudentConfig config;
    private final Parameter tokenEmbedding;
    private final Parameter positionEmbedding;
    private final List<DecoderLayer> layers = new ArrayList<>();
    private final LayerNorm finalNorm;
    private final Linear head;

    StudentNetwork(StudentConfig config) {
        super((byte) 1);
        this.config = config;
        tokenEmbedding = addParameter(Parameter.builder()
                .setName("token_embedding")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(config.vocabSize(), config.dModel()))
                .build());
        positionEmbedding = config.rotary() ? null : addParameter(Parameter.builder()
                .setName("position_embedding")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(config.maxSeqLen(), config.dModel()))
                .build());
        for (int i = 0; i < config.layers(); i++) {
            layers.add(addChildBlock("layer_" + i, new DecoderLayer(config)));
        }
        finalNorm = addChildBlock("final_norm", LayerNorm.builder().axis(2).build());
        head = addChildBlock("head", Linear.builder().setUnits(config.vocabSize()).build());
    }

    StudentConfig config() {
        return config;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape hidden = new Shape(inputShapes[0].get(0), inputShapes[0].get(1), config.dModel());
        for (DecoderLayer layer : layers) {
            layer.initialize(manager, dataType, hidden);
        }
        finalNorm.initialize(manager, dataType, hidden);
        head.initialize(manager, dataType, hidden);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray hidden = hidden(ps, inputs.get(0), inputs.get(1), inputs.get(2), 0, null, training).get(0);
        return new NDList(logits(ps, hidden, training));
    }

    /**
     * Runs embeddings, layers and the final norm.
     *
     * @param rotaryStart rotary position of column 0 (non-zero when continuing from a KV cache)
     * @param past per layer (key, value) of earlier positions, or null
     * @return hidden (B,T,D) followed by each layer's key and value (past + current)
     */
    NDList hidden(ParameterStore ps, NDArray tokens, NDArray positions, NDArray mask, int rotaryStart,
            NDList past, boolean training) {
        NDManager manager = tokens.getManager();
        NDArray x = Embedding.embedding(tokens, value(ps, tokenEmbedding, tokens, training), SparseFormat.DENSE)
                .head();
        NDArray cos = null;
        NDArray sin = null;
        if (config.rotary()) {
            NDList tables = Rotary.tables(manager, rotaryStart, (int) tokens.getShape().get(1), config.headDim());
            cos = tables.get(0);
            sin = tables.get(1);
        } else {
            NDArray pos = Embedding.embedding(positions, value(ps, positionEmbedding, tokens, training),
                    SparseFormat.DENSE).head();
            x = x.add(pos);
        }
        NDList out = new NDList(1 + 2 * layers.size());
        out.add(x);
        for (int i = 0; i < layers.size(); i++) {
            NDArray pastKey = past == null ? null : past.get(2 * i);
            NDArray pastValue = past == null ? null : past.get(2 * i + 1);
            NDList r = layers.get(i).run(ps, x, mask, cos, sin, pastKey, pastValue, training);
            x = r.get(0);
            out.add(r.get(1));
            out.add(r.get(2));
        }
        out.set(0, finalNorm.forward(ps, new NDList(x), training).head());
        return out;
    }

    NDArray logits(ParameterStore ps, NDArray hidden, boolean training) {
        return head.forward(ps, new NDList(hidden), training).head();
    }

    private static NDArray value(ParameterStore ps, Parameter p, NDArray like, boolean training) {
        return ps.getValue(p, like.getDevice(), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), inputShapes[0].get(1), config.vocabSize())};
    }
}
