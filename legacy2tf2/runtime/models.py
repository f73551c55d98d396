"""``Seq2Seq``: TF1's ``embedding_attention_seq2seq`` as a Keras model you can fit, save, serve
and decode fast, with TF1's math and TF1's weight names (so it loads TF1 checkpoints)."""

from __future__ import annotations

import copy
import os
import warnings
from typing import Any

import keras
import tensorflow as tf

from legacy2tf2.runtime import _checks, decoding
from legacy2tf2.runtime._decode_options import (
    MODEL_EOS_ID,
    DecodeOptions,
    ModelDefault,
    xla_by_default,
)
from legacy2tf2.runtime.checkpoint import load_tf1_checkpoint
from legacy2tf2.runtime.layers import AttentionDecoder, Encoder, stack_batch_major
from legacy2tf2.runtime.variables import VariableStore


@keras.saving.register_keras_serializable(package="legacy2tf2")
class Seq2Seq(keras.Model):
    """TF1's translate model (``embedding_attention_seq2seq``) as a ``keras.Model``.

    Args:
        cell: a runtime cell or ``MultiRNNCell``; the encoder gets a copy, as in TF1.
        num_encoder_symbols, num_decoder_symbols: vocabulary sizes.
        embedding_size: embedding width of both sides.
        num_heads: attention reads per step.
        output_projection: True: outputs of ``cell.output_size`` projected by
            ``proj_w [num_decoder_symbols, size]`` (used transposed) and ``proj_b``, the translate
            tutorial's layout; False: TF1's ``OutputProjectionWrapper`` inside the decoder.
        initial_state_attention: TF1's option of the same name.
        go_id, eos_id: first decoder input and end-of-sequence id (the tutorial's 1 and 2).
        pad_id: when set (not in TF1), padded source positions are skipped and not attended.
        tf1_scope: the TF1 scope of the weights.

    Call arguments:
        inputs: ``(encoder_tokens [batch, source_len], decoder_tokens [batch, target_len])``.

    Returns:
        logits ``[batch, target_len, num_decoder_symbols]`` with teacher forcing.

    ``compile()`` without a ``loss`` trains with TF1's ``sequence_loss``: ``y`` are the targets
    ``[batch, target_len]`` and ``sample_weight`` the target weights.
    """

    def __init__(
        self,
        cell: Any,
        num_encoder_symbols: int,
        num_decoder_symbols: int,
        embedding_size: int,
        num_heads: int = 1,
        output_projection: bool = True,
        initial_state_attention: bool = False,
        go_id: int = 1,
        eos_id: int = 2,
        pad_id: int | None = None,
        tf1_scope: str = "embedding_attention_seq2seq",
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        # NumPy integers are normalised so that the config stays plain JSON.
        num_encoder_symbols = _checks.checked_int("num_encoder_symbols", num_encoder_symbols, 1)
        num_decoder_symbols = _checks.checked_int("num_decoder_symbols", num_decoder_symbols, 1)
        embedding_size = _checks.checked_int("embedding_size", embedding_size, 1)
        _checks.check_positive("num_heads", num_heads)
        num_heads = int(num_heads)
        go_id = _checks.checked_token_id("go_id", go_id, num_decoder_symbols)
        eos_id = _checks.checked_token_id("eos_id", eos_id, num_decoder_symbols)
        if pad_id is not None:
            pad_id = _checks.checked_token_id("pad_id", pad_id, num_encoder_symbols)
        store = VariableStore()
        object.__setattr__(self, "store", store)
        self.encoder = Encoder(
            copy.deepcopy(cell), num_encoder_symbols, embedding_size, pad_id, tf1_scope, store
        )
        self.decoder = AttentionDecoder(
            cell,
            num_decoder_symbols,
            embedding_size,
            num_heads,
            output_projection,
            initial_state_attention,
            tf1_scope,
            store,
        )
        self.encoder.build(None)
        self.decoder.build_for(int(self.encoder.cell.output_size))
        self.built = True
        self.num_encoder_symbols = num_encoder_symbols
        self.num_decoder_symbols = num_decoder_symbols
        self.go_id, self.eos_id, self.pad_id = go_id, eos_id, pad_id
        self._config = {
            "cell": keras.saving.serialize_keras_object(cell),
            "num_encoder_symbols": num_encoder_symbols,
            "num_decoder_symbols": num_decoder_symbols,
            "embedding_size": embedding_size,
            "num_heads": num_heads,
            "output_projection": output_projection,
            "initial_state_attention": initial_state_attention,
            "go_id": go_id,
            "eos_id": eos_id,
            "pad_id": pad_id,
            "tf1_scope": tf1_scope,
        }
        # Compiled decoders by option; kept out of Keras/SavedModel tracking.
        object.__setattr__(self, "_generators", {})

    # ----- building blocks -----------------------------------------------------------------
    def encode(self, encoder_tokens: Any) -> tuple[Any, tuple]:
        """Run the encoder: the decoder's initial state and its memory.

        Raises:
            ValueError: non-integer tokens, or (eagerly; an assertion in a graph) a token
                outside the source vocabulary.
        """
        return self._encode(
            _checks.checked_token_tensor("encoder_tokens", encoder_tokens, self.num_encoder_symbols)
        )

    def _encode(self, encoder_tokens: tf.Tensor) -> tuple[Any, tuple]:
        outputs, state = self.encoder(encoder_tokens)
        mask = None if self.pad_id is None else tf.not_equal(encoder_tokens, self.pad_id)
        memory = self.decoder.memory(outputs, mask)
        return self.decoder.initial_state(state, memory), memory

    def call(self, inputs: Any, training: bool | None = None) -> tf.Tensor:
        encoder_tokens, decoder_tokens = inputs
        decoder_tokens = _checks.checked_token_tensor(
            "decoder_tokens", decoder_tokens, self.num_decoder_symbols
        )
        state, memory = self.encode(encoder_tokens)
        steps = tf.shape(decoder_tokens)[1]
        logits = tf.TensorArray(self.compute_dtype, size=steps)

        def body(t: tf.Tensor, state: Any, logits: tf.TensorArray) -> tuple:
            step_logits, state, _ = self.decoder.step(decoder_tokens[:, t], state, memory)
            return t + 1, state, logits.write(t, tf.cast(step_logits, self.compute_dtype))

        _, _, logits = tf.while_loop(lambda t, *_: t < steps, body, (0, state, logits))
        batch = tf.shape(decoder_tokens)[0]
        return stack_batch_major(logits, batch, self.num_decoder_symbols, self.compute_dtype)

    def compute_loss(
        self,
        x: Any = None,
        y: Any = None,
        y_pred: Any = None,
        sample_weight: Any = None,
        training: bool = True,
    ) -> tf.Tensor:
        """TF1's ``sequence_loss`` when compiled without a loss; Keras's loss otherwise."""
        if getattr(self, "_compile_loss", None) is not None:
            return super().compute_loss(x, y, y_pred, sample_weight, training)
        targets = tf.cast(y, tf.int32)
        weights = (
            tf.ones_like(targets, tf.float32)
            if sample_weight is None
            else tf.cast(sample_weight, tf.float32)
        )
        crossent = tf.nn.sparse_softmax_cross_entropy_with_logits(
            labels=targets, logits=tf.cast(y_pred, tf.float32)
        )
        per_example = tf.reduce_sum(crossent * weights, 1) / (tf.reduce_sum(weights, 1) + 1e-12)
        loss = tf.reduce_mean(per_example)
        if self.losses:
            loss += tf.add_n([tf.cast(extra, tf.float32) for extra in self.losses])
        # Keras sums replica gradients and reports the loss times the replica count, as it does
        # for its own losses: each replica contributes its share.
        replicas = tf.distribute.get_strategy().num_replicas_in_sync
        return loss / replicas if replicas > 1 else loss

    # ----- decoding --------------------------------------------------------------------------
    def generate(
        self,
        encoder_tokens: Any,
        max_length: int,
        method: str = "greedy",
        beam_width: int = 4,
        length_penalty: float = 0.0,
        eos_id: int | ModelDefault | None = MODEL_EOS_ID,
        start_id: int | None = None,
        min_length: int = 0,
        temperature: float = 1.0,
        top_k: int | None = None,
        seed: int | None = None,
        n_best: int = 1,
        return_attention: bool = False,
        return_logits: bool = False,
        jit_compile: bool | str = "auto",
    ) -> decoding.DecodeResult:
        """Decode ``encoder_tokens`` ``[batch, source_len]`` in one compiled loop.

        ``method``: ``"greedy"`` (TF1's ``feed_previous=True``), ``"beam"`` (``beam_width``,
        GNMT ``length_penalty`` alpha, ``n_best`` hypotheses) or ``"sample"`` (``temperature``,
        ``top_k``, ``seed``: the same seed gives the same tokens on every call). ``eos_id``
        defaults to the model's; None runs all ``max_length`` steps as TF1 did. ``start_id``
        defaults to the model's ``go_id``. ``return_attention`` adds
        ``[batch, time, num_heads, source_len]`` weights; ``return_logits`` (greedy, sample)
        adds ``[batch, time, vocab]`` logits. Integer options take Python or NumPy integers.

        ``jit_compile``: ``"auto"`` compiles the loop with XLA where Keras's
        ``Model.compile(jit_compile="auto")`` would (a GPU or TPU is visible; not on CPU-only
        machines, where XLA decodes no faster, nor under a ``tf.distribute`` strategy or with op
        determinism), else runs it as a plain ``tf.function``; if XLA then cannot compile or run
        the decoder, ``generate`` warns once and decodes with the plain ``tf.function`` from then
        on. ``True``: always XLA (its errors are raised); ``False``: never. XLA compiles every new
        input shape anew, which takes seconds: with XLA, pad sources to a few lengths.

        Raises:
            ValueError: an option of the wrong type or out of range, an id outside the
                vocabulary, non-integer tokens, or an option the method does not read set away
                from its default (e.g. ``n_best`` with greedy decoding).
        """
        options = DecodeOptions.checked(
            self.num_decoder_symbols,
            self.go_id,
            self.eos_id,
            max_length=max_length,
            method=method,
            beam_width=beam_width,
            length_penalty=length_penalty,
            eos_id=eos_id,
            start_id=start_id,
            min_length=min_length,
            temperature=temperature,
            top_k=top_k,
            seed=seed,
            n_best=n_best,
            return_attention=return_attention,
            return_logits=return_logits,
            jit_compile=jit_compile,
        )
        tokens = _checks.checked_token_tensor(
            "encoder_tokens", encoder_tokens, self.num_encoder_symbols
        )
        _checks.check_rank("encoder_tokens", tokens, 2)
        key = options.compiled_key()
        if key not in self._generators:
            xla = key.jit_compile is True or (key.jit_compile == "auto" and xla_by_default())
            # Only "auto" chose XLA on the user's behalf, so only "auto" may fall back.
            self._generators[key] = (
                self._decoder_function(key, xla),
                xla and key.jit_compile == "auto",
            )
        function, may_fall_back = self._generators[key]
        inputs = (
            tokens,
            tf.fill([tf.shape(tokens)[0]], options.start_id),
            decoding.sampling_seed(options.seed),
        )
        if not may_fall_back:
            return function(*inputs)
        try:
            return function(*inputs)
        except tf.errors.OpError as error:
            # The plain function raises the error again when XLA was not the cause.
            plain = self._decoder_function(key, xla=False)
            result = plain(*inputs)
            warnings.warn(
                'Seq2Seq.generate(jit_compile="auto"): XLA could not compile or run this '
                f"decoder ({type(error).__name__}: {str(error).strip().splitlines()[0]}); it "
                "decodes as a plain tf.function from now on. Pass jit_compile=False to skip XLA, "
                "or True to raise its error.",
                RuntimeWarning,
                stacklevel=2,
            )
            self._generators[key] = (plain, False)
            return result

    def _decoder_function(self, options: DecodeOptions, xla: bool) -> Any:
        """The compiled decoding loop for ``options``, with or without XLA."""
        return tf.function(
            lambda tokens, start, seed: self._decode(tokens, start, seed, options),
            jit_compile=xla,
        )

    def _decode(
        self, tokens: tf.Tensor, start: tf.Tensor, seed: tf.Tensor, options: DecodeOptions
    ) -> decoding.DecodeResult:
        state, memory = self._encode(tokens)
        heads, source_len = self.decoder.attention.num_heads, tf.shape(tokens)[1]
        width = options.beam_width if options.method == "beam" else 1
        return_logits, return_attention = options.return_logits, options.return_attention
        no_weights = (
            tf.zeros_like(tf.tile(memory[0][:, None, :, 0], [1, heads, 1]))
            if return_attention
            else ()
        )
        no_logits = (
            tf.zeros([tf.shape(tokens)[0], self.num_decoder_symbols], self.compute_dtype)
            if return_logits
            else ()
        )
        memory = decoding.tile_beams(memory, width) if width > 1 else memory
        projection = self.decoder.output_projection_weights()

        # The loop state carries (and beam search reorders) the step's logits and attention
        # weights only when they are returned.
        def step_fn(step_tokens: tf.Tensor, step_state: tuple, time: tf.Tensor) -> tuple:
            logits, decoder_state, weights = self.decoder.step(
                step_tokens, step_state[0], memory, projection
            )
            return logits, (
                decoder_state,
                weights if return_attention else (),
                logits if return_logits else (),
            )

        initial = (state, no_weights, no_logits)

        def record_fn(step_state: tuple) -> tf.Tensor:
            pieces = []
            if return_logits:
                pieces.append(tf.cast(step_state[2], tf.float32))
            if return_attention:
                weights = step_state[1]
                pieces.append(tf.reshape(tf.cast(weights, tf.float32), [tf.shape(weights)[0], -1]))
            return tf.concat(pieces, 1)

        common = {
            "record_fn": record_fn if return_logits or return_attention else None,
            "min_length": options.min_length,
        }
        if options.method == "beam":
            result = decoding.beam_search_decode(
                step_fn,
                start,
                initial,
                options.beam_width,
                options.max_length,
                options.eos_id,
                options.length_penalty,
                n_best=options.n_best,
                **common,
            )
        else:
            result = decoding.greedy_decode(
                step_fn,
                start,
                initial,
                options.max_length,
                options.eos_id,
                sample=options.method == "sample",
                temperature=options.temperature,
                top_k=options.top_k,
                seed=seed,
                **common,
            )
        records = result.attention
        attention = logits = None
        if records is not None:
            vocab = self.num_decoder_symbols if return_logits else 0
            if return_logits:
                logits = records[..., :vocab]
            if return_attention:
                shape = tf.concat([tf.shape(records)[:-1], [heads, source_len]], 0)
                attention = tf.reshape(records[..., vocab:], shape)
        return decoding.DecodeResult(result.ids, result.lengths, result.scores, attention, logits)

    # ----- checkpoints, serving, config ----------------------------------------------------
    @classmethod
    def from_tf1_checkpoint(cls, path: str | os.PathLike[str], cell: Any, **config: Any) -> Seq2Seq:
        """Build the model and fill it from a TF1 ``Saver`` checkpoint by TF1 name.

        ``cell`` and ``config`` are the TF1 model's (e.g. ``MultiRNNCell([GRUCell(16),
        GRUCell(16)])``, vocabulary sizes, ``embedding_size``). Optimizer slots, ``global_step``
        and ``beta*_power`` are ignored.

        Raises:
            CheckpointMismatchError: missing, unexpected or mis-shaped variables, all listed.
        """
        model = cls(cell, **config)
        load_tf1_checkpoint(path, model.store)
        return model

    def export_serving(
        self, path: str | os.PathLike[str], max_length: int, method: str = "greedy", **options: Any
    ) -> None:
        """Write a SavedModel whose ``serve(encoder_tokens)`` decodes as :meth:`generate` does.

        ``options`` are every option of :meth:`generate` (``beam_width``, ``eos_id``,
        ``start_id``, ``seed``, ``jit_compile``, ...), checked as there; ``jit_compile=True``
        marks the served function for XLA, the default ``"auto"`` exports a plain one (the
        SavedModel runs wherever it is loaded, not necessarily where it was written). The served
        function returns ``{ids, lengths, scores}``, plus ``attention`` and ``logits`` when asked for;
        source tokens outside the vocabulary fail with ``InvalidArgumentError``. The SavedModel
        loads with TensorFlow alone (``tf.saved_model.load``).

        Raises:
            ValueError: as :meth:`generate`.
            TypeError: an option :meth:`generate` does not take.
        """
        decode_options = DecodeOptions.checked(
            self.num_decoder_symbols,
            self.go_id,
            self.eos_id,
            max_length=max_length,
            method=method,
            **options,
        )
        archive = keras.export.ExportArchive()
        archive.track(self)

        def serve(encoder_tokens: tf.Tensor) -> dict[str, tf.Tensor]:
            tokens = _checks.checked_token_tensor(
                "encoder_tokens", encoder_tokens, self.num_encoder_symbols
            )
            start = tf.fill([tf.shape(tokens)[0]], decode_options.start_id)
            seed = decoding.sampling_seed(decode_options.seed)
            result = self._decode(tokens, start, seed, decode_options)
            served = {"ids": result.ids, "lengths": result.lengths, "scores": result.scores}
            if decode_options.return_attention:
                served["attention"] = result.attention
            if decode_options.return_logits:
                served["logits"] = result.logits
            return served

        signature = [tf.TensorSpec([None, None], tf.int32, name="encoder_tokens")]
        archive.add_endpoint(
            "serve",
            # "auto" exports the plain function: the SavedModel runs wherever it is loaded.
            tf.function(
                serve, input_signature=signature, jit_compile=decode_options.jit_compile is True
            ),
        )
        archive.write_out(os.fspath(path), verbose=False)

    def save(self, filepath: str | os.PathLike[str], *args: Any, **kwargs: Any) -> None:
        """Save as Keras's ``.keras`` archive (``keras.saving.load_model`` gives the model back
        once ``legacy2tf2.runtime`` is imported).

        Raises:
            ValueError: an HDF5 path (``.h5``/``.hdf5``): Keras's legacy HDF5 loader cannot
                rebuild this model, so the file would not load.
        """
        if os.fspath(filepath).lower().endswith((".h5", ".hdf5")):
            raise ValueError(
                "Seq2Seq cannot be saved in the legacy HDF5 format (Keras cannot load it back). "
                f"Save to a `.keras` file instead. Received: filepath={os.fspath(filepath)!r}"
            )
        super().save(filepath, *args, **kwargs)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), **self._config}

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> Seq2Seq:
        config = dict(config)
        config["cell"] = keras.saving.deserialize_keras_object(config["cell"])
        return cls(**config)
